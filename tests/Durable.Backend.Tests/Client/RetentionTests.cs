namespace Durable.Backend.Tests.Client;

public class RetentionTests
{
    // Ours only: the reference keeps everything until it is disposed.
    [Theory, InlineData(DurableEngine.Ours), InlineData(DurableEngine.Postgres)]
    public async Task A_finished_instance_is_purged_by_itself_after_the_retention_period_and_a_running_one_is_kept(string engine)
    {
        await using var durable = await DurableEngine.StartAsync(
            engine,
            r => r.AddClientTestOrchestrators(),
            o =>
            {
                o.CompletedInstanceRetention = TimeSpan.FromMilliseconds(200);
                o.LeaseDuration = TimeSpan.FromSeconds(3); // the upkeep runs every LeaseDuration / 3
            });
        var finished = (await durable.Client.RunAsync(Orchestrators.Echo, new Ticket("old", 1))).InstanceId;
        var running = await durable.Client.ScheduleNewOrchestrationInstanceAsync(Orchestrators.WaitsForGo);
        await durable.Client.UntilCustomStatusAsync(running, "waiting");

        await Waits.Until(async () => await durable.Client.GetInstanceAsync(finished) is null, () => $"{finished} was not purged");

        Assert.Equal(OrchestrationRuntimeStatus.Running, (await durable.Client.GetInstanceAsync(running))?.RuntimeStatus);
    }

    [Fact]
    public void Retention_is_on_by_default()
    {
        Assert.Equal(TimeSpan.FromDays(30), new Hosting.DurableBackendOptions().CompletedInstanceRetention);
    }
}
