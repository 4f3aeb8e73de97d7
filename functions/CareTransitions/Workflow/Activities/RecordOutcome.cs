using CareTransitions.Handover;
using CareTransitions.Telemetry;
using Microsoft.DurableTask;
using Platform.Outcomes;

namespace CareTransitions.Workflow.Activities;

/// <summary>Hands the finished transition's outcome to the statistics. Idempotent by transition id.</summary>
/// <remarks>The SDK's activity context has no cancellation token; the host's stopping token stands in.</remarks>
internal sealed class RecordOutcome(IOutcomeRecorder recorder, PersonalDataUpkeep personalData, IHostApplicationLifetime lifetime, TransitionMetrics metrics) : TaskActivity<TransitionOutcome, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, TransitionOutcome input)
    {
        await recorder.RecordAsync(input, lifetime.ApplicationStopping);
        // The personal data's retention counts from here; the statistics just recorded are pseudonymised and stay.
        await personalData.MarkEndedAsync(input.TransitionId, input.CompletedAt, lifetime.ApplicationStopping);
        // Counted here, once the outcome is stored, not in the orchestrator, which replays.
        metrics.TransitionCompleted();
        return true;
    }
}
