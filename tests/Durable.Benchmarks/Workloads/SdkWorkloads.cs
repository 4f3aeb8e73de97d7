using Microsoft.DurableTask;

namespace Durable.Benchmarks.Workloads.Sdk;

/// <summary>The workloads in Microsoft's Durable Task SDK programming model, as the service writes its workflow.</summary>
internal static class SdkWorkloads
{
    public static void Register(DurableTaskRegistry registry) => registry
        .AddOrchestrator<HelloSequence5>().AddOrchestrator<FanOut10>().AddOrchestrator<WakeOnEvent>()
        .AddActivity<SayHello>().AddActivity<Square>().AddActivity<RecordWake>();

    /// <summary>The orchestrator a <see cref="Workload"/> runs.</summary>
    public static TaskName OrchestratorOf(Workload workload) => workload.Label switch
    {
        "sequence5" => nameof(HelloSequence5),
        "fanout10" => nameof(FanOut10),
        "wake" => nameof(WakeOnEvent),
        _ => throw new ArgumentOutOfRangeException(nameof(workload), workload.Label, "no SDK orchestrator"),
    };
}

internal sealed class HelloSequence5 : TaskOrchestrator<string, List<string>>
{
    public override async Task<List<string>> RunAsync(TaskOrchestrationContext context, string input)
    {
        var results = new List<string>(Workload.Cities.Length);
        foreach (var city in Workload.Cities)
        {
            results.Add(await context.CallActivityAsync<string>(nameof(SayHello), $"{input}:{city}"));
        }

        return results;
    }
}

internal sealed class FanOut10 : TaskOrchestrator<int, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
    {
        var parts = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => context.CallActivityAsync<int>(nameof(Square), input + i)));
        return parts.Sum();
    }
}

internal sealed class WakeOnEvent : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        await context.WaitForExternalEvent<int>(Workload.WakeEvent);
        await context.CallActivityAsync(nameof(RecordWake), context.InstanceId);
        return "woken";
    }
}

internal sealed class SayHello : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input) => Task.FromResult($"Hello {input}!");
}

internal sealed class Square : TaskActivity<int, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, int input) => Task.FromResult(input * input);
}

internal sealed class RecordWake : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input)
    {
        WakeTimes.Record(input);
        return Task.FromResult(input);
    }
}
