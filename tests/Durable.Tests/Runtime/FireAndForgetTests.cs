using Durable.Testing;

namespace Durable.Tests.Runtime;

public class FireAndForgetTests
{
    [Fact]
    public async Task An_activity_and_a_child_started_without_awaiting_before_the_orchestrator_returns_still_run()
    {
        var notified = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await DurableTestHost.StartAsync(d => d
            .AddOrchestratorFunc<string, string>("NotifiesAndEnds", (ctx, input) =>
            {
                _ = ctx.CallActivityAsync<string>("Notify", "goodbye");
                _ = ctx.CallSubOrchestratorAsync<string>("Child", null, new SubOrchestrationOptions($"{ctx.InstanceId}-child"));
                return Task.FromResult("done");
            })
            .AddOrchestratorFunc<string, string>("Child", (_, _) => Task.FromResult("child done"))
            .AddActivityFunc<string, string>("Notify", (_, message) =>
            {
                notified.TrySetResult(message);
                return Task.FromResult("sent");
            }));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("NotifiesAndEnds");

        Assert.Equal("done", (await host.CompletionAsync(id)).ReadOutputAs<string>());
        Assert.Equal("goodbye", await notified.Task.WaitAsync(HostWaits.Deadline));
        Assert.Equal("child done", (await host.CompletionAsync($"{id}-child")).ReadOutputAs<string>());
    }

    [Fact]
    public async Task A_child_started_without_awaiting_before_ContinueAsNew_is_started_and_the_next_generation_runs()
    {
        await using var host = await DurableTestHost.StartAsync(d => d
            .AddOrchestratorFunc<int, int>("Spawner", (ctx, generation) =>
            {
                if (generation < 2)
                {
                    _ = ctx.CallSubOrchestratorAsync<int>("Child", generation, new SubOrchestrationOptions($"spawned-{generation}"));
                    ctx.ContinueAsNew(generation + 1);
                }

                return Task.FromResult(generation);
            })
            .AddOrchestratorFunc<int, int>("Child", (_, n) => Task.FromResult(n * 10)));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Spawner", 0);

        Assert.Equal(2, (await host.CompletionAsync(id)).ReadOutputAs<int>());
        Assert.Equal(0, (await host.CompletionAsync("spawned-0")).ReadOutputAs<int>());
        Assert.Equal(10, (await host.CompletionAsync("spawned-1")).ReadOutputAs<int>());
    }
}
