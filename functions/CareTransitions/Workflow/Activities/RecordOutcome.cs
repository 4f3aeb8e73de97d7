using CareTransitions.Telemetry;
using Microsoft.DurableTask;
using Platform.Outcomes;

namespace CareTransitions.Workflow.Activities;

/// <summary>Hands the finished transition's outcome to the statistics. Idempotent by transition id.</summary>
/// <remarks>The SDK's activity context has no cancellation token; the host's stopping token stands in.</remarks>
internal sealed class RecordOutcome(IOutcomeRecorder recorder, IHostApplicationLifetime lifetime, TransitionMetrics metrics) : TaskActivity<TransitionOutcome, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, TransitionOutcome input)
    {
        await recorder.RecordAsync(input, lifetime.ApplicationStopping);
        // Counted here, once the outcome is stored, not in the orchestrator, which replays.
        metrics.TransitionCompleted();
        return true;
    }
}
