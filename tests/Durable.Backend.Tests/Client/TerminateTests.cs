namespace Durable.Backend.Tests.Client;

public class TerminateTests
{
    [Theory, MemberData(nameof(DurableEngine.Both), MemberType = typeof(DurableEngine))]
    public async Task A_terminated_waiting_instance_ends_Terminated_with_the_output_and_ignores_later_events(string engine)
    {
        await using var durable = await DurableEngine.StartAsync(engine, r => r.AddClientTestOrchestrators());
        var id = await durable.Client.ScheduleNewOrchestrationInstanceAsync(Orchestrators.WaitsForGo);
        await durable.Client.UntilCustomStatusAsync(id, "waiting");

        await durable.Client.TerminateInstanceAsync(id, "no longer needed");
        var terminated = await durable.Client.CompletionAsync(id);
        await durable.Client.RaiseEventAsync(id, "Go", "too late");
        // An instance scheduled after the event runs to the end: the engine has handed out work since.
        await durable.Client.RunAsync(Orchestrators.Echo, new Ticket("scheduled after the event", 1));

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, terminated.RuntimeStatus);
        Assert.Equal("no longer needed", terminated.ReadOutputAs<string>());
        var after = await durable.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, after?.RuntimeStatus);
        Assert.Equal("no longer needed", after?.ReadOutputAs<string>());
    }

    [Theory, MemberData(nameof(DurableEngine.Both), MemberType = typeof(DurableEngine))]
    public async Task An_instance_terminated_while_its_activity_runs_ends_Terminated_and_the_activity_result_does_not_revive_it(string engine)
    {
        var activityStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseActivity = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var laterActivityRan = false;
        await using var durable = await DurableEngine.StartAsync(engine, r => r
            .AddOrchestratorFunc<string>("TwoSteps", async ctx =>
            {
                await ctx.CallActivityAsync("Slow");
                await ctx.CallActivityAsync("Later");
                return "finished";
            })
            .AddActivityFunc("Slow", async _ =>
            {
                activityStarted.TrySetResult();
                await releaseActivity.Task.WithDeadline();
            })
            .AddActivityFunc("Later", _ => laterActivityRan = true)
            .AddOrchestratorFunc<string>("Probe", ctx => ctx.CallActivityAsync<string>("Pong"))
            .AddActivityFunc<string>("Pong", _ => "pong"));
        var id = await durable.Client.ScheduleNewOrchestrationInstanceAsync("TwoSteps");
        await activityStarted.Task.WithDeadline();

        await durable.Client.TerminateInstanceAsync(id);
        var terminated = await durable.Client.CompletionAsync(id);
        releaseActivity.SetResult();
        // An instance scheduled after the release runs an activity to the end: the engine has taken activity results
        // back and handed out work since, so a result that revived the instance has had its chance to schedule "Later".
        await durable.Client.RunAsync("Probe");

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, terminated.RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, (await durable.Client.GetInstanceAsync(id))?.RuntimeStatus);
        Assert.False(laterActivityRan);
    }
}
