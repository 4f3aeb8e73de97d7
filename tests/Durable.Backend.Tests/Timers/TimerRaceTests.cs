namespace Durable.Backend.Tests.Timers;

public sealed record Approval(string By);

/// <summary>Waits for an approval or a deadline, whichever comes first (Microsoft's "human interaction" sample).</summary>
public sealed class ApprovalOrDeadline : TaskOrchestrator<TimeSpan, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, TimeSpan timeout)
    {
        using var timerCancellation = new CancellationTokenSource();
        var deadline = context.CreateTimer(context.CurrentUtcDateTime + timeout, timerCancellation.Token);
        var approval = context.WaitForExternalEvent<Approval>("Approval");
        context.SetCustomStatus("waiting");

        if (await Task.WhenAny(approval, deadline) == approval)
        {
            timerCancellation.Cancel();
            return $"approved by {approval.Result.By}";
        }

        return "timed out";
    }
}

public class TimerRaceTests
{
    [Theory, MemberData(nameof(DurableEngine.Both), MemberType = typeof(DurableEngine))]
    public async Task An_event_that_comes_before_the_timer_wins_the_race_and_the_cancelled_timer_holds_nothing(string engine)
    {
        await using var durable = await DurableEngine.StartAsync(engine, r => r.AddOrchestrator<ApprovalOrDeadline>());
        var id = await durable.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ApprovalOrDeadline), TimeSpan.FromHours(1));
        await durable.Client.UntilCustomStatusAsync(id, "waiting");

        await durable.Client.RaiseEventAsync(id, "Approval", new Approval("Alice"));
        var done = await durable.Client.CompletionAsync(id);

        // Completing within the deadline means the hour-long timer did not keep the instance open.
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("approved by Alice", done.ReadOutputAs<string>());
    }

    [Theory, MemberData(nameof(DurableEngine.Both), MemberType = typeof(DurableEngine))]
    public async Task A_timer_that_fires_before_the_event_wins_the_race_and_a_later_event_changes_nothing(string engine)
    {
        await using var durable = await DurableEngine.StartAsync(engine, r => r.AddOrchestrator<ApprovalOrDeadline>());
        var id = await durable.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ApprovalOrDeadline), TimeSpan.FromMilliseconds(500));

        var done = await durable.Client.CompletionAsync(id);
        await durable.Client.RaiseEventAsync(id, "Approval", new Approval("Too late"));

        Assert.Equal("timed out", done.ReadOutputAs<string>());
        var after = await durable.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, after?.RuntimeStatus);
        Assert.Equal("timed out", after?.ReadOutputAs<string>());
    }

    [Theory, MemberData(nameof(DurableEngine.Both), MemberType = typeof(DurableEngine))]
    public async Task WaitForExternalEvent_with_a_timeout_that_expires_throws_TaskCanceledException(string engine)
    {
        await using var durable = await DurableEngine.StartAsync(engine, r => r
            .AddOrchestratorFunc<string>("WaitsBriefly", async ctx =>
            {
                try
                {
                    var approval = await ctx.WaitForExternalEvent<Approval>("Approval", TimeSpan.FromMilliseconds(500));
                    return $"approved by {approval.By}";
                }
                catch (TaskCanceledException)
                {
                    return "timed out";
                }
            }));

        var done = await durable.Client.RunAsync("WaitsBriefly");

        Assert.Equal("timed out", done.ReadOutputAs<string>());
    }

    [Theory, MemberData(nameof(DurableEngine.Both), MemberType = typeof(DurableEngine))]
    public async Task WaitForExternalEvent_with_a_timeout_returns_the_event_that_comes_in_time(string engine)
    {
        await using var durable = await DurableEngine.StartAsync(engine, r => r
            .AddOrchestratorFunc<string>("WaitsLong", async ctx =>
            {
                ctx.SetCustomStatus("waiting");
                var approval = await ctx.WaitForExternalEvent<Approval>("Approval", TimeSpan.FromHours(1));
                return $"approved by {approval.By}";
            }));
        var id = await durable.Client.ScheduleNewOrchestrationInstanceAsync("WaitsLong");
        await durable.Client.UntilCustomStatusAsync(id, "waiting");

        await durable.Client.RaiseEventAsync(id, "Approval", new Approval("Bob"));

        Assert.Equal("approved by Bob", (await durable.Client.CompletionAsync(id)).ReadOutputAs<string>());
    }
}
