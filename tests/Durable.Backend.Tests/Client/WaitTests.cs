namespace Durable.Backend.Tests.Client;

public class WaitTests
{
    [Theory, MemberData(nameof(DurableEngine.Both), MemberType = typeof(DurableEngine))]
    public async Task WaitForInstanceStartAsync_ReturnsOnceTheInstanceRunsWithItsInput(string engine)
    {
        await using var durable = await DurableEngine.StartAsync(engine, r => r.AddClientTestOrchestrators());
        var id = await durable.Client.ScheduleNewOrchestrationInstanceAsync(Orchestrators.WaitsForGo, new Ticket("start", 3));

        using var cts = new CancellationTokenSource(Waits.Deadline);
        var started = await durable.Client.WaitForInstanceStartAsync(id, getInputsAndOutputs: true, cts.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Running, started.RuntimeStatus);
        Assert.Equal(new Ticket("start", 3), started.ReadInputAs<Ticket>());
    }

    [Theory, MemberData(nameof(DurableEngine.Both), MemberType = typeof(DurableEngine))]
    public async Task WaitForInstanceCompletionAsync_ReturnsTheFinalStateOfACompletedAndOfAFailedInstance(string engine)
    {
        await using var durable = await DurableEngine.StartAsync(engine, r => r.AddClientTestOrchestrators());
        var completed = await durable.Client.ScheduleNewOrchestrationInstanceAsync(Orchestrators.Echo, new Ticket("fine", 1));
        var failed = await durable.Client.ScheduleNewOrchestrationInstanceAsync(Orchestrators.Fails, new Ticket("bad", 1));

        var completedState = await durable.Client.CompletionAsync(completed);
        var failedState = await durable.Client.CompletionAsync(failed);

        Assert.Equal((OrchestrationRuntimeStatus.Completed, "fine"), (completedState.RuntimeStatus, completedState.ReadOutputAs<string>()));
        Assert.Equal(OrchestrationRuntimeStatus.Failed, failedState.RuntimeStatus);
        Assert.Equal("cannot handle bad", failedState.FailureDetails?.ErrorMessage);
    }

    [Theory, MemberData(nameof(DurableEngine.Both), MemberType = typeof(DurableEngine))]
    public async Task WaitForInstanceCompletionAsync_OnAnInstanceThatKeepsRunning_EndsWhenItsTokenIsCancelled(string engine)
    {
        await using var durable = await DurableEngine.StartAsync(engine, r => r.AddClientTestOrchestrators());
        var id = await durable.Client.ScheduleNewOrchestrationInstanceAsync(Orchestrators.WaitsForGo);

        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => durable.Client.WaitForInstanceCompletionAsync(id, cts.Token).WithDeadline());
    }
}
