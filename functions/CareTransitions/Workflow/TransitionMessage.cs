namespace CareTransitions.Workflow;

/// <summary>The kinds of message a hospital system sends about a care episode (vårdtillfälle).</summary>
internal enum MessageType
{
    /// <summary>Inskrivningsmeddelande.</summary>
    AdmissionNotice,

    /// <summary>Utskrivningsklar.</summary>
    ReadyForDischarge,

    /// <summary>Ändrat utskrivningsdatum.</summary>
    DischargeDateChanged,

    /// <summary>Avbrott: the patient is no longer ready for discharge; the clock stops.</summary>
    Withdrawn,

    /// <summary>Utskrivning.</summary>
    Discharged,

    /// <summary>Ny planeringsinformation: the ward updates the handover information (name, contact path, plan) and nothing else.</summary>
    PlanningUpdated,
}

internal enum CareType
{
    Somatic,
    Psychiatric,
}

/// <summary>What the patient will need after discharge; decides which units are told.</summary>
internal enum Need
{
    /// <summary>Hemtjänst.</summary>
    HomeCare,

    /// <summary>Hemsjukvård.</summary>
    HomeHealthCare,

    /// <summary>Kommunal rehab (AT/FT).</summary>
    Rehabilitation,

    /// <summary>Hjälpmedel.</summary>
    AssistiveDevices,

    /// <summary>Specialiserad palliativ vård i hemmet.</summary>
    PalliativeCare,
}

/// <summary>The ward that sends the messages.</summary>
internal sealed record Ward(string HsaId, string Name);

/// <summary>
/// One validated message as the orchestration sees it (the "Message" event). It carries a pseudonym,
/// never the personnummer: the engine's history must not hold the number. Nor any other personal data: the handover
/// information stays sealed in the app store, and the message names only its version.
/// </summary>
/// <param name="Reference">The transition's short reference (random); null in messages from before references.</param>
/// <param name="HandoverVersion">The handover information's version this message added, when it added one after the first.</param>
/// <param name="ReceivedAt">When intake accepted it: the time the notice counts as sent.</param>
internal sealed record TransitionMessage(
    string MessageId,
    MessageType Type,
    DateTimeOffset OccurredAt,
    DateTimeOffset ReceivedAt,
    string PatientPseudonym,
    string MunicipalityCode,
    Ward Ward,
    CareType CareType,
    DateOnly? ExpectedDischargeDate,
    IReadOnlyList<Need> Needs,
    string? Reference = null,
    int? HandoverVersion = null)
{
    /// <summary>The external event name the orchestrator waits for.</summary>
    public const string EventName = "Message";
}

/// <summary>How a unit's acknowledgement reached the service.</summary>
internal enum AcknowledgementChannel
{
    /// <summary>The unit's staff followed the emailed link (and every acknowledgement from before channels).</summary>
    Link,

    /// <summary>Via telefon: the unit took over on the phone and a coordinator recorded it on /samordning.</summary>
    Phone,
}

/// <summary>The "Acknowledged" event: a unit confirmed it has taken over (kvittens).</summary>
/// <param name="Via">Null in events from before channels, and from the link, which is the same thing; kept optional so old histories replay.</param>
internal sealed record Acknowledgement(string UnitId, string Name, DateTimeOffset At, AcknowledgementChannel? Via = null)
{
    public const string EventName = "Acknowledged";
}
