namespace Durable.Backend.Tests.Client;

public class SuspendResumeTests
{
    [Theory, MemberData(nameof(DurableEngine.Both), MemberType = typeof(DurableEngine))]
    public async Task An_event_raised_while_suspended_waits_and_is_processed_after_resume(string engine)
    {
        await using var durable = await DurableEngine.StartAsync(engine, r => r.AddClientTestOrchestrators());
        var id = await durable.Client.ScheduleNewOrchestrationInstanceAsync(Orchestrators.WaitsForGo);
        await durable.Client.UntilCustomStatusAsync(id, "waiting");

        await durable.Client.SuspendInstanceAsync(id, "checking something");
        await durable.Client.UntilAsync(id, i => i.RuntimeStatus == OrchestrationRuntimeStatus.Suspended, "Suspended");
        await durable.Client.RaiseEventAsync(id, "Go", "after resume");
        // An instance scheduled after the event runs to the end: the engine has handed out work since, and held the event back.
        await durable.Client.RunAsync(Orchestrators.Echo, new Ticket("scheduled after the event", 1));
        var whileSuspended = await durable.Client.GetInstanceAsync(id);
        await durable.Client.ResumeInstanceAsync(id, "checked");
        var done = await durable.Client.CompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Suspended, whileSuspended?.RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("after resume", done.ReadOutputAs<string>());
    }

    [Theory, MemberData(nameof(DurableEngine.Both), MemberType = typeof(DurableEngine))]
    public async Task A_resumed_instance_without_events_while_suspended_returns_to_Running(string engine)
    {
        await using var durable = await DurableEngine.StartAsync(engine, r => r.AddClientTestOrchestrators());
        var id = await durable.Client.ScheduleNewOrchestrationInstanceAsync(Orchestrators.WaitsForGo);
        await durable.Client.UntilCustomStatusAsync(id, "waiting");

        await durable.Client.SuspendInstanceAsync(id);
        await durable.Client.UntilAsync(id, i => i.RuntimeStatus == OrchestrationRuntimeStatus.Suspended, "Suspended");
        await durable.Client.ResumeInstanceAsync(id);

        await durable.Client.UntilAsync(id, i => i.RuntimeStatus == OrchestrationRuntimeStatus.Running, "Running again");
        await durable.Client.RaiseEventAsync(id, "Go", "went");
        Assert.Equal("went", (await durable.Client.CompletionAsync(id)).ReadOutputAs<string>());
    }

    [Theory, MemberData(nameof(DurableEngine.Both), MemberType = typeof(DurableEngine))]
    public async Task A_suspended_instance_that_is_terminated_ends_Terminated(string engine)
    {
        await using var durable = await DurableEngine.StartAsync(engine, r => r.AddClientTestOrchestrators());
        var id = await durable.Client.ScheduleNewOrchestrationInstanceAsync(Orchestrators.WaitsForGo);
        await durable.Client.UntilCustomStatusAsync(id, "waiting");
        await durable.Client.SuspendInstanceAsync(id);
        await durable.Client.UntilAsync(id, i => i.RuntimeStatus == OrchestrationRuntimeStatus.Suspended, "Suspended");

        await durable.Client.TerminateInstanceAsync(id, "stopped");

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, (await durable.Client.CompletionAsync(id)).RuntimeStatus);
    }
}
