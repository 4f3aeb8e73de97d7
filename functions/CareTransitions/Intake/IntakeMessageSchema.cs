namespace CareTransitions.Intake;

// The documented shape of the intake body, for the OpenAPI document only. The endpoint itself reads
// the JSON field by field (IntakeRequest) so that a 400 can name every bad field at once.

/// <summary>A message about a care episode from the hospital's system.</summary>
/// <param name="MessageId">The sender's idempotency key: the same id again changes nothing.</param>
/// <param name="Type">AdmissionNotice | ReadyForDischarge | DischargeDateChanged | Withdrawn | Discharged | PlanningUpdated (only the handover information changed; never an episode's first message).</param>
/// <param name="EpisodeId">The hospital's care-episode id (vårdtillfälle).</param>
/// <param name="OccurredAt">ISO-8601 with offset, e.g. 2026-11-22T09:30:00+01:00.</param>
/// <param name="Patient">The patient: personnummer, name and municipality.</param>
/// <param name="Ward">The sending ward.</param>
/// <param name="CareType">Somatic | Psychiatric.</param>
/// <param name="ExpectedDischargeDate">Optional, YYYY-MM-DD.</param>
/// <param name="Needs">Any of HomeCare, HomeHealthCare, Rehabilitation, AssistiveDevices, PalliativeCare.</param>
/// <param name="Handover">Optional: what the ward planned, shown to the receiving units' staff on the handover page after
/// sign-in. Sealed at rest (AES-256-GCM); never in an email, a URL, a log or a statistic. A later message's object replaces
/// the earlier one (a new version; the units are told "ny information"); a message without it keeps it.</param>
internal sealed record IntakeMessageSchema(
    string MessageId, string Type, string EpisodeId, DateTimeOffset OccurredAt, IntakePatientSchema Patient, IntakeWardSchema Ward,
    string CareType, DateOnly? ExpectedDischargeDate = null, IReadOnlyList<string>? Needs = null, IntakeHandoverSchema? Handover = null);

/// <param name="PersonalIdentityNumber">12 digits, with or without '-', Luhn-checked. The workflow and the statistics get a
/// pseudonym only; the number itself is kept sealed for the handover page until the transition's retention ends.</param>
/// <param name="MunicipalityCode">4-digit SCB code; must be in the units directory (else 422).</param>
/// <param name="Name">Optional, 1–200 characters: the patient's name, shown on the handover page only.</param>
internal sealed record IntakePatientSchema(string PersonalIdentityNumber, string MunicipalityCode, string? Name = null);

/// <param name="Contact">The ward's contact path by day and by night, and its functional mailbox.</param>
/// <param name="PlanningNotes">Free text up to 4000 characters; line breaks allowed.</param>
/// <param name="Rehabilitation">What the arbetsterapeut (AT) and fysioterapeut (FT) take over.</param>
/// <param name="AssistiveDevices">Up to 50 assistive devices (hjälpmedel), each with its state and who is responsible.</param>
/// <param name="NextOfKin">Up to 50 närstående the units may need to reach, so the patient is not their own coordinator.</param>
internal sealed record IntakeHandoverSchema(
    IntakeContactSchema? Contact = null, string? PlanningNotes = null, IntakeRehabilitationSchema? Rehabilitation = null,
    IReadOnlyList<IntakeAssistiveDeviceSchema>? AssistiveDevices = null, IReadOnlyList<IntakeNextOfKinSchema>? NextOfKin = null);

/// <param name="Day">Who answers in office hours.</param>
/// <param name="Night">Who answers evenings, nights and weekends.</param>
/// <param name="Email">The ward's functional mailbox: it hears of new messages in the conversation.</param>
internal sealed record IntakeContactSchema(IntakeContactPathSchema? Day = null, IntakeContactPathSchema? Night = null, string? Email = null);

/// <param name="Name">1–200 characters, e.g. "Avdelning 12, sjuksköterska dagtid".</param>
/// <param name="Phone">Digits, spaces, +, - and parentheses, 3–30 characters.</param>
internal sealed record IntakeContactPathSchema(string Name, string Phone);

/// <param name="OccupationalTherapy">Arbetsterapeut: free text up to 4000 characters.</param>
/// <param name="Physiotherapy">Fysioterapeut: free text up to 4000 characters.</param>
internal sealed record IntakeRehabilitationSchema(string? OccupationalTherapy = null, string? Physiotherapy = null);

/// <param name="Device">1–200 characters, e.g. "Rollator".</param>
/// <param name="State">Needed | Prescribed | Delivered.</param>
/// <param name="Responsible">1–200 characters: who prescribes or delivers it, e.g. "Kommunens rehab".</param>
internal sealed record IntakeAssistiveDeviceSchema(string Device, string State, string Responsible);

/// <param name="Name">1–200 characters.</param>
/// <param name="Relation">Optional, up to 100 characters, e.g. "dotter".</param>
/// <param name="Phone">Optional phone number.</param>
internal sealed record IntakeNextOfKinSchema(string Name, string? Relation = null, string? Phone = null);

/// <param name="HsaId">The ward's HSA-id, e.g. SE2321000131-E000000012345.</param>
/// <param name="Name">The ward's name as staff know it.</param>
internal sealed record IntakeWardSchema(string HsaId, string Name);
