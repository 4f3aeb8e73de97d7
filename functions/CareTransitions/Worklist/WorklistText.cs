using CareTransitions.Notifications;
using CareTransitions.Workflow;

namespace CareTransitions.Worklist;

/// <summary>The work list's Swedish wording of times, amounts and states, shared by the page and the CSV.</summary>
internal static class WorklistText
{
    public static string Time(DateTimeOffset? instant) =>
        instant is { } at ? SwedishTime.ToLocal(at).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) : "–";

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Whole kronor with a space between thousands, as Swedish writes them: "27 900 kr".</summary>
    public static string Kronor(long ore) => (ore / 100).ToString("#,0", SwedishTexts.Culture).Replace('\u00a0', ' ') + " kr";

    public static string Urgency(Urgency urgency) => urgency switch
    {
        Worklist.Urgency.Overdue => "Försenat",
        Worklist.Urgency.Soon => "Snart",
        Worklist.Urgency.Met => "Klart",
        _ => "I tid",
    };

    public static string Phase(TransitionPhase phase) => SwedishTexts.Phase(phase);

    /// <summary>One unit's course: told, reminded, escalated, acknowledged (by whom, when, and how).</summary>
    public static string Unit(UnitStatus u)
    {
        var parts = new List<string> { $"underrättad {Time(u.NotifiedAt)}" };
        if (u.RemindedAt is { } reminded)
        {
            parts.Add($"påmind {Time(reminded)}");
        }
        if (u.EscalatedAt is { } escalated)
        {
            parts.Add($"eskalerad {Time(escalated)}");
        }
        parts.Add(u.AcknowledgedAt is { } at
            ? $"kvitterad {Time(at)} av {u.AcknowledgedBy}{(u.AcknowledgedVia == AcknowledgementChannel.Phone ? " (via telefon)" : "")}"
            : "inte kvitterad");
        if (u.NotificationError is { } error)
        {
            parts.Add($"e-post misslyckades: {error}");
        }
        return $"{u.Name}: {string.Join(", ", parts)}";
    }
}
