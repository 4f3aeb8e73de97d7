using Durable.Testing;

namespace Durable.Tests.Client;

public class PurgeTests
{
    private static Task<DurableTestHost> StartAsync(TimeSpan? retention = null) => DurableTestHost.StartAsync(d => d
        .AddOrchestratorFunc<string, string>("Done", (_, input) => Task.FromResult(input))
        .AddOrchestratorFunc<string, string>("Fails", (_, _) => throw new InvalidOperationException("no"))
        .AddOrchestratorFunc<string, string>("Waits", (ctx, _) => ctx.WaitForExternalEvent<string>("Go"))
        .Configure(o => o.CompletedInstanceRetention = retention));

    private static async Task<string> RunAsync(DurableTestHost host, string name, string id)
    {
        await host.Client.ScheduleNewOrchestrationInstanceAsync(name, id, new(id));
        if (name == "Waits")
        {
            await host.RunningAsync(id);
        }
        else
        {
            await host.CompletionAsync(id);
        }

        return id;
    }

    private static async Task<string[]> RemainingAsync(DurableTestHost host) =>
        [.. (await host.Client.GetAllInstancesAsync().ToListAsync()).Select(i => i.InstanceId).Order()];

    [Fact]
    public async Task PurgeInstanceAsync_RemovesAFinishedInstanceWithItsHistoryButNotAnActiveOne()
    {
        await using var host = await StartAsync();
        await RunAsync(host, "Done", "finished");
        await RunAsync(host, "Waits", "active");

        Assert.Equal(0, (await host.Client.PurgeInstanceAsync("active")).PurgedInstanceCount);
        Assert.Equal(1, (await host.Client.PurgeInstanceAsync("finished")).PurgedInstanceCount);
        Assert.Equal(0, (await host.Client.PurgeInstanceAsync("finished")).PurgedInstanceCount);

        Assert.Null(await host.Client.GetInstanceAsync("finished"));
        Assert.Empty(await host.HistoryAsync("finished"));
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync("active"))!.RuntimeStatus);
        await host.Client.RaiseEventAsync("active", "Go", "still works");
        Assert.Equal("still works", (await host.CompletionAsync("active")).ReadOutputAs<string>());
    }

    [Fact]
    public async Task PurgeAllInstancesAsync_CompletedBefore_RemovesOnlyThoseFinishedEarlier()
    {
        await using var host = await StartAsync();
        await RunAsync(host, "Done", "early-1");
        await RunAsync(host, "Fails", "early-2");
        await Task.Delay(20);
        var cutoff = DateTime.UtcNow;
        await Task.Delay(20);
        await RunAsync(host, "Done", "late-1");
        await RunAsync(host, "Waits", "active");

        var purged = await host.Client.PurgeAllInstancesAsync(new PurgeInstancesFilter { CompletedBefore = cutoff });

        Assert.Equal(2, purged.PurgedInstanceCount);
        Assert.Equal(["active", "late-1"], await RemainingAsync(host));
    }

    [Fact]
    public async Task PurgeAllInstancesAsync_CreatedRange_RemovesOnlyFinishedInstancesCreatedInside()
    {
        await using var host = await StartAsync();
        await RunAsync(host, "Done", "before");
        await Task.Delay(20);
        var from = DateTime.UtcNow;
        await Task.Delay(20);
        await RunAsync(host, "Done", "inside-1");
        await RunAsync(host, "Fails", "inside-2");
        await RunAsync(host, "Waits", "inside-active");
        await Task.Delay(20);
        var to = DateTime.UtcNow;
        await Task.Delay(20);
        await RunAsync(host, "Done", "after");

        var purged = await host.Client.PurgeAllInstancesAsync(new PurgeInstancesFilter { CreatedFrom = from, CreatedTo = to });

        Assert.Equal(2, purged.PurgedInstanceCount);
        Assert.Equal(["after", "before", "inside-active"], await RemainingAsync(host));
    }

    [Fact]
    public async Task PurgeAllInstancesAsync_Statuses_RemovesOnlyThoseStatusesAndNeverActiveOnes()
    {
        await using var host = await StartAsync();
        await RunAsync(host, "Done", "completed");
        await RunAsync(host, "Fails", "failed");
        await RunAsync(host, "Waits", "terminated");
        await host.Client.TerminateInstanceAsync("terminated");
        await host.CompletionAsync("terminated");
        await RunAsync(host, "Waits", "running");

        var running = await host.Client.PurgeAllInstancesAsync(new PurgeInstancesFilter { Statuses = [OrchestrationRuntimeStatus.Running] });
        var failedOrTerminated = await host.Client.PurgeAllInstancesAsync(
            new PurgeInstancesFilter { Statuses = [OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated] });

        Assert.Equal(0, running.PurgedInstanceCount);
        Assert.Equal(2, failedOrTerminated.PurgedInstanceCount);
        Assert.Equal(["completed", "running"], await RemainingAsync(host));
        Assert.Equal(1, (await host.Client.PurgeAllInstancesAsync(new PurgeInstancesFilter())).PurgedInstanceCount);
        Assert.Equal(["running"], await RemainingAsync(host));
    }

    [Fact]
    public async Task CompletedInstanceRetention_PurgesFinishedInstancesAutomaticallyAndKeepsActiveOnes()
    {
        await using var host = await StartAsync(retention: TimeSpan.FromSeconds(1));
        await RunAsync(host, "Done", "finished");
        await RunAsync(host, "Waits", "active");
        Assert.NotNull(await host.Client.GetInstanceAsync("finished"));

        await HostWaits.Until(async () => await host.Client.GetInstanceAsync("finished") is null, "the finished instance to be purged");

        Assert.Equal(["active"], await RemainingAsync(host));
    }
}
