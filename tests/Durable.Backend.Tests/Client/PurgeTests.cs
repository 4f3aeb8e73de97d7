namespace Durable.Backend.Tests.Client;

public class PurgeTests
{
    [Theory, MemberData(nameof(DurableEngine.Both), MemberType = typeof(DurableEngine))]
    public async Task Purging_one_instance_removes_a_finished_instance_but_not_a_running_one(string engine)
    {
        await using var durable = await DurableEngine.StartAsync(engine, r => r.AddClientTestOrchestrators());
        var finished = (await durable.Client.RunAsync(Orchestrators.Echo, new Ticket("old", 1))).InstanceId;
        var running = await durable.Client.ScheduleNewOrchestrationInstanceAsync(Orchestrators.WaitsForGo);
        await durable.Client.UntilCustomStatusAsync(running, "waiting");

        var purgedFinished = await durable.Client.PurgeInstanceAsync(finished);
        var purgedRunning = await durable.Client.PurgeInstanceAsync(running);

        Assert.Equal(1, purgedFinished.PurgedInstanceCount);
        Assert.Null(await durable.Client.GetInstanceAsync(finished));
        Assert.Equal(0, purgedRunning.PurgedInstanceCount);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await durable.Client.GetInstanceAsync(running))?.RuntimeStatus);
        await durable.Client.RaiseEventAsync(running, "Go", "still works");
        Assert.Equal("still works", (await durable.Client.CompletionAsync(running)).ReadOutputAs<string>());
    }

    [Theory, MemberData(nameof(DurableEngine.Both), MemberType = typeof(DurableEngine))]
    public async Task Purging_by_created_range_and_statuses_removes_only_instances_inside_and_in_those_statuses(string engine)
    {
        await using var durable = await DurableEngine.StartAsync(engine, r => r.AddClientTestOrchestrators());
        var beforeRange = (await durable.Client.RunAsync(Orchestrators.Echo, new Ticket("before", 1))).InstanceId;
        await Task.Delay(200);
        var from = DateTimeOffset.UtcNow;
        var completed = (await durable.Client.RunAsync(Orchestrators.Echo, new Ticket("inside", 1))).InstanceId;
        var failed = (await durable.Client.RunAsync(Orchestrators.Fails, new Ticket("inside", 1))).InstanceId;
        var running = await durable.Client.ScheduleNewOrchestrationInstanceAsync(Orchestrators.WaitsForGo);
        await durable.Client.UntilCustomStatusAsync(running, "waiting");
        await Task.Delay(200);
        var to = DateTimeOffset.UtcNow;
        await Task.Delay(200);
        var afterRange = (await durable.Client.RunAsync(Orchestrators.Echo, new Ticket("after", 1))).InstanceId;

        var purged = await durable.Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(from, to, [OrchestrationRuntimeStatus.Completed]));

        Assert.Equal(1, purged.PurgedInstanceCount);
        Assert.Null(await durable.Client.GetInstanceAsync(completed));
        foreach (var kept in new[] { beforeRange, failed, running, afterRange })
        {
            Assert.NotNull(await durable.Client.GetInstanceAsync(kept));
        }
    }

    // Ours only: the reference removes running instances too (see the test below).
    [Theory, InlineData(DurableEngine.Ours), InlineData(DurableEngine.Postgres)]
    public async Task Purging_without_statuses_removes_finished_instances_and_never_running_ones(string engine)
    {
        await using var durable = await DurableEngine.StartAsync(engine, r => r.AddClientTestOrchestrators());
        var (finished, running) = await OneFinishedOneRunning(durable.Client);

        var purged = await durable.Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(CreatedFrom: DateTimeOffset.UtcNow.AddMinutes(-5)));

        Assert.Equal(2, purged.PurgedInstanceCount);
        foreach (var id in finished)
        {
            Assert.Null(await durable.Client.GetInstanceAsync(id));
        }

        Assert.Equal(OrchestrationRuntimeStatus.Running, (await durable.Client.GetInstanceAsync(running))?.RuntimeStatus);
    }

    // Reference quirk: InMemoryOrchestrationService.PurgeInstanceState(filter) checks creation time and status
    // but not whether the instance has finished, so a filter without statuses purges running instances too.
    [Theory, InlineData(DurableEngine.Reference)]
    public async Task Reference_purges_running_instances_when_the_filter_names_no_statuses(string engine)
    {
        await using var durable = await DurableEngine.StartAsync(engine, r => r.AddClientTestOrchestrators());
        var (_, running) = await OneFinishedOneRunning(durable.Client);

        var purged = await durable.Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(CreatedFrom: DateTimeOffset.UtcNow.AddMinutes(-5)));

        Assert.Equal(3, purged.PurgedInstanceCount);
        Assert.Null(await durable.Client.GetInstanceAsync(running));
    }

    private static async Task<(string[] Finished, string Running)> OneFinishedOneRunning(DurableTaskClient client)
    {
        var completed = (await client.RunAsync(Orchestrators.Echo, new Ticket("done", 1))).InstanceId;
        var failed = (await client.RunAsync(Orchestrators.Fails, new Ticket("bad", 1))).InstanceId;
        var running = await client.ScheduleNewOrchestrationInstanceAsync(Orchestrators.WaitsForGo);
        await client.UntilCustomStatusAsync(running, "waiting");
        return ([completed, failed], running);
    }
}
