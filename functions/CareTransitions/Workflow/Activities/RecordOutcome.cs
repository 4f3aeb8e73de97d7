using Dashboard.Outcomes;
using Durable;

namespace CareTransitions.Workflow.Activities;

/// <summary>Hands the finished transition's outcome to the statistics. Idempotent by transition id.</summary>
internal sealed class RecordOutcome(IOutcomeRecorder recorder) : TaskActivity<TransitionOutcome, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, TransitionOutcome input)
    {
        await recorder.RecordAsync(input, context.CancellationToken);
        return true;
    }
}
