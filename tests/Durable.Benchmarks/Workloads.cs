namespace Durable.Benchmarks;

/// <summary>"HelloSequence5", the Durable Functions benchmark: five activities one after the other.</summary>
internal sealed class HelloSequence5 : TaskOrchestrator<string, List<string>>
{
    public override async Task<List<string>> RunAsync(TaskOrchestrationContext context, string input)
    {
        var results = new List<string>(5);
        foreach (var city in new[] { "Visby", "Göteborg", "Södertälje", "Ystad", "Kristianstad" })
        {
            results.Add(await context.CallActivityAsync<string>(nameof(SayHello), $"{input}:{city}"));
        }

        return results;
    }
}

/// <summary>Fan-out/fan-in over ten activities.</summary>
internal sealed class FanOut10 : TaskOrchestrator<int, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
    {
        var parts = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => context.CallActivityAsync<int>(nameof(Square), input + i)));
        return parts.Sum();
    }
}

/// <summary>Waits for <c>count</c> pings; each ping carries the time it was raised, and the orchestrator
/// records how long after that it resumed (its replay-safe clock is the time its step started).</summary>
internal sealed class PingPong : TaskOrchestrator<int, List<double>>
{
    public override async Task<List<double>> RunAsync(TaskOrchestrationContext context, int count)
    {
        var latencies = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var raisedAtTicks = await context.WaitForExternalEvent<long>("ping");
            latencies.Add(TimeSpan.FromTicks(context.CurrentUtcDateTime.Ticks - raisedAtTicks).TotalMilliseconds);
        }

        return latencies;
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

/// <summary>Sleeps on a durable timer and returns how late it resumed, in milliseconds.</summary>
internal sealed class TimerLateness : TaskOrchestrator<int, double>
{
    public override async Task<double> RunAsync(TaskOrchestrationContext context, int delayMs)
    {
        var due = context.CurrentUtcDateTime.AddMilliseconds(delayMs);
        await context.CreateTimer(due, CancellationToken.None);
        return (context.CurrentUtcDateTime - due).TotalMilliseconds;
    }
}
