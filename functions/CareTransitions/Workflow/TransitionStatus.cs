using CareTransitions.Directory;

namespace CareTransitions.Workflow;

/// <summary>Where a transition stands; the phase in the custom status.</summary>
internal enum TransitionPhase
{
    /// <summary>Started, waiting for the first message to arrive.</summary>
    Starting,

    /// <summary>Inskriven: admitted, not yet ready for discharge.</summary>
    Admitted,

    /// <summary>Utskrivningsklar.</summary>
    ReadyForDischarge,

    /// <summary>Ready status withdrawn (avbrott); the clock is stopped.</summary>
    Withdrawn,

    /// <summary>Utskriven, but some unit has not acknowledged yet.</summary>
    Discharged,

    /// <summary>Every unit acknowledged and the stay ended; the outcome is recorded.</summary>
    Completed,
}

/// <summary>
/// The custom status the orchestrator keeps current, read by GET /api/transitions/{id} and the
/// acknowledgement page. No personal data: no personnummer, no pseudonym, no patient name.
/// </summary>
/// <param name="Reference">The short reference people quote on the phone, e.g. VÖ-7KQ2 (null in transitions from before references).</param>
internal sealed record TransitionStatus(
    TransitionPhase Phase,
    string? MunicipalityCode,
    Ward? Ward,
    CareType? CareType,
    IReadOnlyList<Need> Needs,
    DateOnly? ExpectedDischargeDate,
    TransitionDeadlines Deadlines,
    IReadOnlyList<UnitStatus> Units,
    string? Reference = null);

/// <summary>The law's deadlines and what happened against them.</summary>
/// <param name="SipCalledAt">When the SIP meeting was first called (before the SIP call was an event: primary care's acknowledgement).</param>
/// <param name="SipMeetingStart">When the called SIP meeting starts (its latest time, if moved).</param>
/// <param name="SipReminderDue">When primary care is reminded if it has not called the meeting (the end of the SIP due day).</param>
/// <param name="PaymentDaysEnded">Days the municipality pays for over the ready periods already ended (by avbrott), as the outcome counts them.</param>
/// <param name="PaymentWaitsForAdmissionNotice">The rule pays nothing until an admission notice has been sent, and none has.</param>
internal sealed record TransitionDeadlines(
    DateTimeOffset? AdmittedAt,
    DateTimeOffset? AdmissionNoticeAt,
    DateTimeOffset? AdmissionNoticeDue,
    bool AdmissionNoticeLate,
    DateTimeOffset? ReadyForDischargeAt,
    bool SipRequired,
    DateOnly? SipDue,
    DateTimeOffset? SipCalledAt,
    string PaymentRule,
    DateOnly? PaymentResponsibilityFrom,
    int WithdrawalCount,
    DateTimeOffset? DischargedAt,
    DateTimeOffset? SipMeetingStart = null,
    bool SipMeetingCancelled = false,
    DateTimeOffset? SipReminderDue = null,
    DateTimeOffset? SipRemindedAt = null,
    DateTimeOffset? SipEscalationDue = null,
    DateTimeOffset? SipEscalatedAt = null,
    string? SipEscalatedTo = null,
    int PaymentDaysEnded = 0,
    bool PaymentWaitsForAdmissionNotice = false);

/// <summary>One unit's notification, as coordinators see it.</summary>
internal sealed record UnitStatus(
    string UnitId,
    UnitType UnitType,
    string Name,
    DateTimeOffset? NotifiedAt,
    DateTimeOffset? ReminderDue,
    DateTimeOffset? RemindedAt,
    DateTimeOffset? EscalationDue,
    DateTimeOffset? EscalatedAt,
    string? EscalatedTo,
    DateTimeOffset? AcknowledgedAt,
    string? AcknowledgedBy,
    string? NotificationError,
    AcknowledgementChannel? AcknowledgedVia = null);
