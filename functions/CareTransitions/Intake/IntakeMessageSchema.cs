namespace CareTransitions.Intake;

// The documented shape of the intake body, for the OpenAPI document only. The endpoint itself reads
// the JSON field by field (IntakeRequest) so that a 400 can name every bad field at once.

/// <summary>A message about a care episode from the hospital's system.</summary>
/// <param name="MessageId">The sender's idempotency key: the same id again changes nothing.</param>
/// <param name="Type">AdmissionNotice | ReadyForDischarge | DischargeDateChanged | Withdrawn | Discharged.</param>
/// <param name="EpisodeId">The hospital's care-episode id (vårdtillfälle).</param>
/// <param name="OccurredAt">ISO-8601 with offset, e.g. 2026-11-22T09:30:00+01:00.</param>
/// <param name="Patient">The patient: personnummer (never stored) and municipality.</param>
/// <param name="Ward">The sending ward.</param>
/// <param name="CareType">Somatic | Psychiatric.</param>
/// <param name="ExpectedDischargeDate">Optional, YYYY-MM-DD.</param>
/// <param name="Needs">Any of HomeCare, HomeHealthCare, Rehabilitation, AssistiveDevices, PalliativeCare.</param>
internal sealed record IntakeMessageSchema(
    string MessageId, string Type, string EpisodeId, DateTimeOffset OccurredAt, IntakePatientSchema Patient, IntakeWardSchema Ward,
    string CareType, DateOnly? ExpectedDischargeDate = null, IReadOnlyList<string>? Needs = null);

/// <param name="PersonalIdentityNumber">12 digits, with or without '-', Luhn-checked; replaced by a pseudonym at once.</param>
/// <param name="MunicipalityCode">4-digit SCB code; must be in the units directory (else 422).</param>
internal sealed record IntakePatientSchema(string PersonalIdentityNumber, string MunicipalityCode);

/// <param name="HsaId">The ward's HSA-id, e.g. SE2321000131-E000000012345.</param>
/// <param name="Name">The ward's name as staff know it.</param>
internal sealed record IntakeWardSchema(string HsaId, string Name);
