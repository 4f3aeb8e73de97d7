using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;

namespace Durable.Backend.Tests.Activities;

/// <summary>Microsoft's "hello cities" sample: activities called one after another.</summary>
public sealed class HelloSequence : TaskOrchestrator<string[], List<string>>
{
    public override async Task<List<string>> RunAsync(TaskOrchestrationContext context, string[] cities)
    {
        var greetings = new List<string>();
        foreach (var city in cities)
        {
            greetings.Add(await context.CallActivityAsync<string>(nameof(SayHello), city));
        }

        return greetings;
    }
}

/// <summary>Greets a city and notes the call, so the test sees each run.</summary>
public sealed class SayHello(CallLog log) : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string city)
    {
        log.Calls.Enqueue(city);
        return Task.FromResult($"Hello, {city}!");
    }
}

/// <summary>What the activities of one test were called with, in the order they ran.</summary>
public sealed class CallLog
{
    public ConcurrentQueue<string> Calls { get; } = new();
}

public class HelloSequenceTests
{
    private static readonly string[] Cities = ["Tokyo", "Seattle", "London", "Stockholm", "Cairo"];

    [Theory, MemberData(nameof(DurableEngine.Both), MemberType = typeof(DurableEngine))]
    public async Task A_sequence_of_five_activities_runs_each_once_in_order_and_returns_their_results(string engine)
    {
        var log = new CallLog();
        await using var durable = await DurableEngine.StartAsync(
            engine,
            r => r.AddOrchestrator<HelloSequence>().AddActivity<SayHello>(),
            services: s => s.AddSingleton(log));

        var done = await durable.Client.RunAsync(nameof(HelloSequence), Cities);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(Cities.Select(c => $"Hello, {c}!"), done.ReadOutputAs<List<string>>());
        Assert.Equal(Cities, done.ReadInputAs<string[]>());
        Assert.Equal(Cities, log.Calls);
    }
}
