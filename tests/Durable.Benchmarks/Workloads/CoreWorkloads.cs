using DurableTask.Core;

namespace Durable.Benchmarks.Workloads.Core;

/// <summary>
/// The same workloads in DurableTask.Core's programming model, the engine under Durable Functions
/// (what an in-process Durable Functions app's orchestrators and activities compile down to).
/// </summary>
internal static class CoreWorkloads
{
    public static readonly Type[] Orchestrations = [typeof(HelloSequence5), typeof(FanOut10), typeof(WakeOnEvent)];

    public static readonly Type[] Activities = [typeof(SayHello), typeof(Square), typeof(RecordWake)];

    /// <summary>The orchestration a <see cref="Workload"/> runs.</summary>
    public static Type OrchestrationOf(Workload workload) => workload.Label switch
    {
        "sequence5" => typeof(HelloSequence5),
        "fanout10" => typeof(FanOut10),
        "wake" => typeof(WakeOnEvent),
        _ => throw new ArgumentOutOfRangeException(nameof(workload), workload.Label, "no DurableTask.Core orchestration"),
    };
}

internal sealed class HelloSequence5 : TaskOrchestration<List<string>, string>
{
    public override async Task<List<string>> RunTask(OrchestrationContext context, string input)
    {
        var results = new List<string>(Workload.Cities.Length);
        foreach (var city in Workload.Cities)
        {
            results.Add(await context.ScheduleTask<string>(typeof(SayHello), $"{input}:{city}"));
        }

        return results;
    }
}

internal sealed class FanOut10 : TaskOrchestration<int, int>
{
    public override async Task<int> RunTask(OrchestrationContext context, int input)
    {
        var parts = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => context.ScheduleTask<int>(typeof(Square), input + i)));
        return parts.Sum();
    }
}

/// <summary>DurableTask.Core delivers external events to <see cref="OnEvent"/>; the orchestration awaits them through a completion source.</summary>
internal sealed class WakeOnEvent : TaskOrchestration<string, string, int, string>
{
    private readonly TaskCompletionSource<int> woken = new();

    public override async Task<string> RunTask(OrchestrationContext context, string input)
    {
        await this.woken.Task;
        await context.ScheduleTask<string>(typeof(RecordWake), context.OrchestrationInstance.InstanceId);
        return "woken";
    }

    public override void OnEvent(OrchestrationContext context, string name, int input)
    {
        if (name == Workload.WakeEvent)
        {
            this.woken.TrySetResult(input);
        }
    }
}

internal sealed class SayHello : TaskActivity<string, string>
{
    protected override string Execute(TaskContext context, string input) => $"Hello {input}!";
}

internal sealed class Square : TaskActivity<int, int>
{
    protected override int Execute(TaskContext context, int input) => input * input;
}

internal sealed class RecordWake : TaskActivity<string, string>
{
    protected override string Execute(TaskContext context, string input)
    {
        WakeTimes.Record(input);
        return input;
    }
}
