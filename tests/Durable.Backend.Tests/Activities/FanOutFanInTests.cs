using System.Collections.Concurrent;

namespace Durable.Backend.Tests.Activities;

public sealed record WorkBatch(int Count);

/// <summary>Schedules every activity before awaiting any, then adds up what they return.</summary>
public sealed class FanOutFanIn : TaskOrchestrator<WorkBatch, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, WorkBatch batch)
    {
        var parts = Enumerable.Range(1, batch.Count).Select(i => context.CallActivityAsync<int>("Square", i)).ToList();
        var squares = await Task.WhenAll(parts);
        return squares.Sum();
    }
}

public class FanOutFanInTests
{
    [Theory, MemberData(nameof(DurableEngine.Both), MemberType = typeof(DurableEngine))]
    public async Task Fan_out_of_ten_activities_runs_each_once_and_fan_in_gets_every_result(string engine)
    {
        var calls = new ConcurrentBag<int>();
        await using var durable = await DurableEngine.StartAsync(engine, r => r
            .AddOrchestrator<FanOutFanIn>()
            .AddActivityFunc<int, int>("Square", async (_, i) =>
            {
                calls.Add(i);
                await Task.Delay(10 * (i % 3)); // Results come back out of order.
                return i * i;
            }));

        var done = await durable.Client.RunAsync(nameof(FanOutFanIn), new WorkBatch(10));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(Enumerable.Range(1, 10).Sum(i => i * i), done.ReadOutputAs<int>());
        Assert.Equal(Enumerable.Range(1, 10), calls.Order());
    }
}
