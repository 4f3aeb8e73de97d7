using Durable;

namespace Durable.CrashWorker;

/// <summary>
/// Five sequential activities, a fan-out of five, an external event and a timer: every kind of step
/// the engine must carry across a crash. The output is a pure function of the input, so the test can
/// check it.
/// </summary>
public sealed class CrashWorkload : TaskOrchestrator<int, int>
{
    public const string EventName = "Go";

    public static int Expected(int start, int eventValue) => ((start + 5) * 2 * 5) + eventValue;

    public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
    {
        var value = input;
        for (var i = 0; i < 5; i++)
        {
            value = await context.CallActivityAsync<int>(nameof(AddOne), value);
        }

        var doubled = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => context.CallActivityAsync<int>(nameof(DoubleIt), value)));
        var fromEvent = await context.WaitForExternalEvent<int>(EventName);
        await context.CreateTimer(TimeSpan.FromMilliseconds(50), CancellationToken.None);
        return doubled.Sum() + fromEvent;
    }
}

public sealed class AddOne(ExecutionLog log) : TaskActivity<int, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, int input)
    {
        log.Record(context);
        await Task.Delay(15);
        return input + 1;
    }
}

public sealed class DoubleIt(ExecutionLog log) : TaskActivity<int, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, int input)
    {
        log.Record(context);
        await Task.Delay(15);
        return input * 2;
    }
}

/// <summary>Appends one line per activity execution, so the test can see re-executions after crashes.</summary>
public sealed class ExecutionLog(string path)
{
    private readonly Lock gate = new();

    public void Record(TaskActivityContext context)
    {
        lock (this.gate)
        {
            File.AppendAllText(path, $"{context.InstanceId} {context.TaskId} {context.Attempt}\n");
        }
    }
}
