using CareTransitions.Workflow;

namespace CareTransitions.Worklist;

/// <summary>How close a deadline is; the order is the default sort's.</summary>
internal enum Urgency
{
    /// <summary>Försenat: past its time, or payment responsibility has started.</summary>
    Overdue,

    /// <summary>Snart: within a day, or a reminder has gone out.</summary>
    Soon,

    /// <summary>I tid.</summary>
    OnTrack,

    /// <summary>Klart: met, nothing left to do.</summary>
    Met,
}

/// <summary>One deadline of a transition as the work list shows it.</summary>
/// <param name="Due">When it falls due, for sorting; null when it has no time.</param>
internal sealed record WorklistDeadline(string Label, string Text, Urgency Urgency, DateTimeOffset? Due);

/// <summary>One open transition on the work list, with its deadlines judged at one moment.</summary>
/// <param name="PaymentDays">Days of payment responsibility up to and including today, while the patient is utskrivningsklar.</param>
/// <param name="CostOre">Their cost in öre at Socialstyrelsen's daily amount for each day's year.</param>
internal sealed record WorklistRow(
    string Id, DateTimeOffset CreatedAt, TransitionStatus Status, IReadOnlyList<WorklistDeadline> Deadlines,
    Urgency Urgency, DateTimeOffset? NextDue, int PaymentDays, long CostOre, bool IsWard)
{
    public string Reference => this.Status.Reference ?? this.Id;

    public bool AwaitsAcknowledgement => this.Status.Units.Any(u => u.AcknowledgedAt is null);
}
