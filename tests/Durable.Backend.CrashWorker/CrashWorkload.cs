using Microsoft.DurableTask;

namespace Durable.Backend.CrashWorker;

/// <summary>
/// Every kind of step a backend must carry across a crash: five sequential activities, a fan-out of five, an
/// external event raised before the instance starts, one raised while it runs, and a durable timer. The output
/// is a pure function of the input and the two events, so the test can check it.
/// </summary>
public sealed class CrashWorkload : TaskOrchestrator<int, int>
{
    /// <summary>Raised right after scheduling, before the instance has run: it waits in the backend's inbox.</summary>
    public const string EarlyEvent = "Early";

    /// <summary>Raised later, while the instance runs (or already waits for it).</summary>
    public const string LateEvent = "Late";

    /// <summary>Activities each instance schedules: five in sequence, five fanned out.</summary>
    public const int ActivitiesPerInstance = 10;

    /// <summary>The durable timer's length: long enough to be cut by a kill, short enough for the test.</summary>
    public static readonly TimeSpan TimerDelay = TimeSpan.FromSeconds(1.5);

    /// <summary>What an instance started with <paramref name="input"/> returns.</summary>
    public static int Expected(int input, int early, int late) => ((input + 5) * 2 * 5) + early + late;

    /// <summary>Registers the orchestrator and its activities with a worker.</summary>
    public static void Register(DurableTaskRegistry registry) => registry
        .AddOrchestrator<CrashWorkload>()
        .AddActivity<AddOne>()
        .AddActivity<DoubleIt>();

    /// <inheritdoc />
    public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
    {
        var value = input;
        for (var step = 0; step < 5; step++)
        {
            value = await context.CallActivityAsync<int>(nameof(AddOne), new Step(step, value));
        }

        var doubled = await Task.WhenAll(Enumerable.Range(5, 5).Select(step => context.CallActivityAsync<int>(nameof(DoubleIt), new Step(step, value))));
        var early = await context.WaitForExternalEvent<int>(EarlyEvent);
        await context.CreateTimer(TimerDelay, CancellationToken.None);
        var late = await context.WaitForExternalEvent<int>(LateEvent);
        return doubled.Sum() + early + late;
    }
}

/// <summary>An activity's input: its place in the orchestration (for the execution log) and the value.</summary>
public sealed record Step(int Index, int Value);

/// <summary>Adds one.</summary>
public sealed class AddOne(ExecutionLog log) : TaskActivity<Step, int>
{
    /// <inheritdoc />
    public override async Task<int> RunAsync(TaskActivityContext context, Step input)
    {
        log.Record(context, input.Index);
        await Task.Delay(20);
        return input.Value + 1;
    }
}

/// <summary>Doubles.</summary>
public sealed class DoubleIt(ExecutionLog log) : TaskActivity<Step, int>
{
    /// <inheritdoc />
    public override async Task<int> RunAsync(TaskActivityContext context, Step input)
    {
        log.Record(context, input.Index);
        await Task.Delay(20);
        return input.Value * 2;
    }
}
