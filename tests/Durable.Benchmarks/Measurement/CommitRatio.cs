namespace Durable.Benchmarks.Measurement;

/// <summary>
/// <c>ratio</c>, defined as for the engine from before the move to the Durable Task SDK: durable steps per second on
/// ours against single-row commits per second on the same disk. The steps are the store's own count of logical transactions during sequence5.
/// </summary>
internal static class CommitRatio
{
    public const string Explanation =
        "ratio = sequence5 × logical transactions per orchestration (creation, leases, steps, activity results) / raw_commit; " +
        "above 1 means group commit makes more durable steps per second than one-commit-per-step could.";

    public static double? Of(EngineFigures? ours, double? rawCommit) =>
        ours?.LogicalPerSequence5 is { } logical && rawCommit is { } raw ? ours.Sequence5 * logical / raw : null;
}
