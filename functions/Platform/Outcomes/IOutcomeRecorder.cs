namespace Platform.Outcomes;

/// <summary>
/// Stores transition outcomes for the statistics: the workflow records through it, the dashboard implements it.
/// Recording the same transition twice replaces it.
/// </summary>
public interface IOutcomeRecorder
{
    /// <summary>Stores (or replaces) the outcome of one transition, idempotently by <see cref="TransitionOutcome.TransitionId"/>.</summary>
    Task RecordAsync(TransitionOutcome outcome, CancellationToken cancellationToken = default);
}
