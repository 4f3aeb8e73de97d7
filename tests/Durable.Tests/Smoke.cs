using Durable.Testing;

namespace Durable.Tests;

public class SmokeTests
{
    [Fact]
    public async Task Sequence_of_activities_completes_with_output()
    {
        await using var host = await DurableTestHost.StartAsync(d => d
            .AddOrchestratorFunc<string, string>("Hello", async (ctx, name) =>
            {
                var a = await ctx.CallActivityAsync<string>("Say", name + "1");
                var b = await ctx.CallActivityAsync<string>("Say", name + "2");
                return a + "," + b;
            })
            .AddActivityFunc<string, string>("Say", (_, s) => Task.FromResult("hi " + s)));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Hello", "x");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var done = await host.Client.WaitForInstanceCompletionAsync(id, true, cts.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("hi x1,hi x2", done.ReadOutputAs<string>());
    }
}
