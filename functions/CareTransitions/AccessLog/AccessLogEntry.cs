namespace CareTransitions.AccessLogging;

// The namespace is not "AccessLog": a namespace named like its class would hide the class from every CareTransitions.* file.

/// <summary>What came of an access to patient data (the access log's <c>outcome</c>, stored in Swedish).</summary>
internal enum AccessOutcome
{
    /// <summary><c>visad</c>: patient data was shown.</summary>
    Shown,

    /// <summary><c>nekad</c>: the person asked and was refused.</summary>
    Refused,

    /// <summary><c>sökning</c>: the access log itself was searched.</summary>
    Search,

    /// <summary><c>export</c>: the access log was exported (CSV).</summary>
    Export,
}

/// <summary>The Swedish words the access log stores and shows for each outcome.</summary>
internal static class AccessOutcomes
{
    public static string Text(AccessOutcome outcome) => outcome switch
    {
        AccessOutcome.Shown => "visad",
        AccessOutcome.Refused => "nekad",
        AccessOutcome.Search => "sökning",
        AccessOutcome.Export => "export",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    public static IReadOnlyList<AccessOutcome> All { get; } = Enum.GetValues<AccessOutcome>();

    public static AccessOutcome? Parse(string text) => All.Select(o => (AccessOutcome?)o).FirstOrDefault(o => Text(o!.Value) == text);
}

/// <summary>
/// One access to patient data, as the access log (åtkomstloggen, Patientdatalagen 4 kap. 3 §) keeps it: who (HSA-id and
/// name), through which of their units, which transition, what was shown, and what came of it. Never a patient's name or
/// personnummer: the transition's id and short reference say whose data it was.
/// </summary>
/// <param name="UnitHsaId">The person's unit that gave access (<c>HandoverAccess.Decide</c>); null when none did.</param>
/// <param name="Reference">The transition's short reference as staff read it, e.g. <c>VÖ-7KQ2</c>.</param>
/// <param name="What">What was shown, e.g. "patientuppgifter, planering, samtal", or the filter a search used.</param>
internal sealed record AccessLogEntry(
    string PersonHsaId, string PersonName, string? UnitHsaId, string? TransitionId, string? Reference, string What, AccessOutcome Outcome);

/// <summary>A recorded entry, with its row id and the time the log recorded it.</summary>
internal sealed record AccessLogRecord(long Id, DateTimeOffset At, AccessLogEntry Entry);

/// <summary>A search of the access log; each filter given narrows it, none given finds everything.</summary>
/// <param name="TransitionOrReference">A transition's id or its short reference.</param>
/// <param name="From">The first Swedish calendar day included.</param>
/// <param name="To">The last Swedish calendar day included.</param>
internal sealed record AccessLogQuery(
    string? PersonHsaId = null, string? TransitionOrReference = null, DateOnly? From = null, DateOnly? To = null, AccessOutcome? Outcome = null);
