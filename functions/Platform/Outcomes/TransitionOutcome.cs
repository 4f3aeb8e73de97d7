namespace Platform.Outcomes;

/// <summary>
/// What one finished care transition leaves behind for the statistics (utfall). Written once by the
/// care-transition workflow when the transition completes; the dashboard reads nothing else.
/// Contains no personal data: the patient is identified only by a keyed pseudonym.
/// </summary>
/// <remarks>
/// IMPORTANT: it is the orchestrator's output, kept as JSON in every finished transition's durable history: a property's
/// name or type never changes (tests/CareTransitions.Tests/Unit/TransitionOutcomeJsonTests.cs).
/// </remarks>
/// <param name="TransitionId">The transition (orchestration instance) id.</param>
/// <param name="PatientPseudonym">Keyed pseudonym of the personnummer (HMAC), stable per patient; used for readmissions.</param>
/// <param name="MunicipalityCode">The municipality's 4-digit SCB code (kommunkod).</param>
/// <param name="WardHsaId">The hospital ward's HSA-id (avdelning).</param>
/// <param name="WardName">The ward's display name.</param>
/// <param name="CareType">"Somatic" or "Psychiatric".</param>
/// <param name="Needs">Needs named in the messages: HomeCare, HomeHealthCare, Rehabilitation, AssistiveDevices, PalliativeCare.</param>
/// <param name="AdmittedAt">When the patient was admitted (occurredAt of the admission notice), if one was sent.</param>
/// <param name="AdmissionNoticeAt">When the admission notice (inskrivningsmeddelande) was received, if one was sent.</param>
/// <param name="AdmissionNoticeLate">True when the admission notice came more than 24 h after admission.</param>
/// <param name="ReadyForDischargeAt">When the patient was first notified ready for discharge (utskrivningsklar).</param>
/// <param name="DischargedAt">When the patient was discharged (utskrivning), if the stay ended by discharge.</param>
/// <param name="DaysReadyForDischarge">Calendar days as ready for discharge (SKR: discharge date minus ready date, withdrawn periods excluded; 0 = same day).</param>
/// <param name="WithdrawalCount">How many times the ready-for-discharge status was withdrawn (avbrott).</param>
/// <param name="PaymentResponsibilityDays">Days the municipality carried payment responsibility (betalningsansvar) under the agreement's rule.</param>
/// <param name="PaymentRule">Name of the payment-responsibility rule applied, e.g. "Default3Days" or "Stockholm".</param>
/// <param name="SipRequired">True when both municipality and region were involved, so a SIP had to be called within 3 days.</param>
/// <param name="SipCalledAt">When the SIP meeting was first called. In outcomes without <paramref name="SipCallRecorded"/>: primary care's acknowledgement, a proxy.</param>
/// <param name="Units">Each notified unit and what happened to its notification.</param>
/// <param name="CompletedAt">When the transition completed (every unit acknowledged and the stay ended).</param>
/// <param name="SipCallRecorded">
/// True when <paramref name="SipCalledAt"/> is the real call time (the workflow received the SIP call as an event); false in
/// outcomes recorded before that, whose SIP figure is unknown (uppgift saknas).
/// </param>
public sealed record TransitionOutcome(
    string TransitionId,
    string PatientPseudonym,
    string MunicipalityCode,
    string WardHsaId,
    string WardName,
    string CareType,
    IReadOnlyList<string> Needs,
    DateTimeOffset? AdmittedAt,
    DateTimeOffset? AdmissionNoticeAt,
    bool AdmissionNoticeLate,
    DateTimeOffset? ReadyForDischargeAt,
    DateTimeOffset? DischargedAt,
    int DaysReadyForDischarge,
    int WithdrawalCount,
    int PaymentResponsibilityDays,
    string PaymentRule,
    bool SipRequired,
    DateTimeOffset? SipCalledAt,
    IReadOnlyList<UnitOutcome> Units,
    DateTimeOffset CompletedAt,
    bool SipCallRecorded = false);

/// <summary>One receiving unit's notification within a transition.</summary>
/// <param name="UnitId">The unit's id in the units directory.</param>
/// <param name="UnitType">MunicipalCoordination, HomeHealthCare, MunicipalRehab, PrimaryCare or PalliativeTeam.</param>
/// <param name="NotifiedAt">When the first email to the unit was sent.</param>
/// <param name="RemindedAt">When a reminder was sent, if one was.</param>
/// <param name="EscalatedAt">When the notification was escalated, if it was.</param>
/// <param name="AcknowledgedAt">When the unit acknowledged (kvitterade), if it did.</param>
/// <param name="AcknowledgedVia">"Link" or "Phone" (via telefon, recorded by a coordinator); null when not acknowledged, and in
/// outcomes from before phone acknowledgements, which were all by link.</param>
public sealed record UnitOutcome(
    string UnitId,
    string UnitType,
    DateTimeOffset NotifiedAt,
    DateTimeOffset? RemindedAt,
    DateTimeOffset? EscalatedAt,
    DateTimeOffset? AcknowledgedAt,
    string? AcknowledgedVia = null);
