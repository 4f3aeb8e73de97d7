using Durable.Runtime;
using Durable.Testing;

namespace Durable.Tests.Client;

public class LifecycleTests
{
    private static Task<DurableTestHost> StartAsync() => DurableTestHost.StartAsync(d => d
        .AddOrchestratorFunc<string, string>("EchoAfterGo", async (ctx, input) => input + await ctx.WaitForExternalEvent<string>("Go")));

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_SameIdWhilePendingOrRunning_KeepsOneInstanceAndTheFirstInput()
    {
        await using var host = await StartAsync();

        var whilePending = await Task.WhenAll(Enumerable.Range(0, 5).Select(i =>
            host.Client.ScheduleNewOrchestrationInstanceAsync("EchoAfterGo", $"input{i}", new("same-id"))));
        var first = (await host.RunningAsync("same-id")).ReadInputAs<string>();
        var whileRunning = await host.Client.ScheduleNewOrchestrationInstanceAsync("EchoAfterGo", "later", new("same-id"));
        await host.Client.RaiseEventAsync("same-id", "Go", "!");
        var done = await host.CompletionAsync("same-id");

        Assert.All(whilePending, id => Assert.Equal("same-id", id));
        Assert.Equal("same-id", whileRunning);
        Assert.StartsWith("input", first, StringComparison.Ordinal);
        Assert.Equal(first + "!", done.ReadOutputAs<string>());
        Assert.Single(await host.Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "same-id" }).ToListAsync());
        Assert.Single(await host.HistoryAsync("same-id"), e => e.Type == EventType.ExecutionStarted);
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_IdOfAFinishedInstance_StartsAFreshRun()
    {
        await using var host = await StartAsync();
        await host.Client.ScheduleNewOrchestrationInstanceAsync("EchoAfterGo", "one", new("reused"));
        await host.RunningAsync("reused");
        await host.Client.RaiseEventAsync("reused", "Go", "!");
        var firstRun = await host.CompletionAsync("reused");

        await host.Client.ScheduleNewOrchestrationInstanceAsync("EchoAfterGo", "two", new("reused"));
        var secondRunning = await host.RunningAsync("reused");
        await host.Client.RaiseEventAsync("reused", "Go", "?");
        var secondRun = await host.CompletionAsync("reused");

        Assert.Equal("one!", firstRun.ReadOutputAs<string>());
        Assert.Equal("two?", secondRun.ReadOutputAs<string>());
        Assert.True(secondRunning.CreatedAt >= firstRun.CreatedAt);
        Assert.Null(secondRunning.SerializedOutput);
        Assert.Single(await host.HistoryAsync("reused"), e => e.Type == EventType.ExecutionStarted);
        Assert.Single(await host.Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "reused" }).ToListAsync());
    }

    [Fact]
    public async Task TerminateInstanceAsync_WaitingInstance_EndsTerminatedWithTheOutputAndIgnoresLaterEvents()
    {
        await using var host = await StartAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("EchoAfterGo", "x");
        await host.RunningAsync(id);

        await host.Client.TerminateInstanceAsync(id, "stopped by the test");
        var done = await host.CompletionAsync(id);
        await host.Client.RaiseEventAsync(id, "Go", "!");
        await host.Client.TerminateInstanceAsync(id, "again"); // A finished instance is left alone.

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, done.RuntimeStatus);
        Assert.Equal("stopped by the test", done.ReadOutputAs<string>());
        Assert.NotNull(done.CompletedAt);
        await HostWaits.Until(async () => await host.QueuedMessageCountAsync(id) == 0, "the late event to be consumed");
        var after = await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, after!.RuntimeStatus);
        Assert.Equal("stopped by the test", after.ReadOutputAs<string>());
    }

    [Fact]
    public async Task SuspendInstanceAsync_EventsRaisedWhileSuspendedAreKeptAndActedOnOnlyAfterResume()
    {
        await using var host = await StartAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("EchoAfterGo", "x");
        await host.RunningAsync(id);

        await host.Client.SuspendInstanceAsync(id, "pause for the test");
        await host.UntilAsync(id, i => i.RuntimeStatus == OrchestrationRuntimeStatus.Suspended, "Suspended");
        await host.Client.RaiseEventAsync(id, "Go", "!");
        await host.UntilHistoryHasAsync(id, EventType.EventRaised);
        var whileSuspended = await host.Client.GetInstanceAsync(id);
        await host.Client.ResumeInstanceAsync(id, "go on");
        var done = await host.CompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Suspended, whileSuspended!.RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("x!", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task WaitForInstanceCompletionAsync_UnknownId_ThrowsAndWaitingIsCancellable()
    {
        await using var host = await StartAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("EchoAfterGo", "x");

        await Assert.ThrowsAsync<InvalidOperationException>(() => host.Client.WaitForInstanceCompletionAsync("no-such-instance"));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.Client.WaitForInstanceCompletionAsync(id, cancellationToken: cts.Token));
        await host.Client.RaiseEventAsync(id, "Go", "!");
        Assert.Equal("x!", (await host.CompletionAsync(id)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_WithStartAt_StaysPendingAndStartsNotBeforeThatTime()
    {
        await using var host = await DurableTestHost.StartAsync(d => d
            .AddOrchestratorFunc<string, DateTime>("WhenDidIStart", (ctx, _) => Task.FromResult(ctx.CurrentUtcDateTime)));
        var startAt = DateTime.UtcNow.AddMilliseconds(500);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("WhenDidIStart", options: new(StartAt: startAt));
        var pending = await host.Client.GetInstanceAsync(id);
        var done = await host.CompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Pending, pending!.RuntimeStatus);
        Assert.True(done.ReadOutputAs<DateTime>() >= startAt, $"started {done.ReadOutputAs<DateTime>():O}, asked for {startAt:O}");
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_UnregisteredName_FailsTheInstanceWithTheReason()
    {
        await using var host = await StartAsync();

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("NoSuchOrchestrator");
        var done = await host.CompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Contains("NoSuchOrchestrator", done.FailureDetails?.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResumeInstanceAsync_WithoutEventsWhileSuspended_ReturnsToRunning()
    {
        await using var host = await StartAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("EchoAfterGo", "x");
        await host.RunningAsync(id);

        await host.Client.SuspendInstanceAsync(id);
        await host.UntilAsync(id, i => i.RuntimeStatus == OrchestrationRuntimeStatus.Suspended, "Suspended");
        await host.Client.ResumeInstanceAsync(id);
        await host.UntilHistoryHasAsync(id, EventType.ExecutionResumed);

        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);
        await host.Client.RaiseEventAsync(id, "Go", "!");
        Assert.Equal("x!", (await host.CompletionAsync(id)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task SuspendInstanceAsync_TimerFiringWhileSuspended_IsActedOnOnlyAfterResume()
    {
        await using var host = await DurableTestHost.StartAsync(d => d
            .AddOrchestratorFunc<string, string>("Sleeper", async (ctx, _) =>
            {
                await ctx.CreateTimer(TimeSpan.FromSeconds(2), CancellationToken.None);
                return "woke";
            }));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Sleeper");
        await host.RunningAsync(id);

        // The suspension is confirmed long before the two-second timer is due, even beside other test classes.
        await host.Client.SuspendInstanceAsync(id);
        await host.UntilAsync(id, i => i.RuntimeStatus == OrchestrationRuntimeStatus.Suspended, "Suspended");
        await host.UntilHistoryHasAsync(id, EventType.TimerFired);
        var whileSuspended = await host.Client.GetInstanceAsync(id);
        var restart = await host.Client.ScheduleNewOrchestrationInstanceAsync("Sleeper", "again", new(id));
        await host.Client.ResumeInstanceAsync(id);
        var done = await host.CompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Suspended, whileSuspended!.RuntimeStatus);
        Assert.Equal(id, restart);
        Assert.Null(done.ReadInputAs<string>()); // Scheduling the id while suspended changed nothing.
        Assert.Equal("woke", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task TerminateInstanceAsync_SuspendedInstance_EndsTerminated()
    {
        await using var host = await StartAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("EchoAfterGo", "x");
        await host.RunningAsync(id);
        await host.Client.SuspendInstanceAsync(id);
        await host.UntilAsync(id, i => i.RuntimeStatus == OrchestrationRuntimeStatus.Suspended, "Suspended");

        await host.Client.TerminateInstanceAsync(id, "cancelled while paused");
        var done = await host.CompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, done.RuntimeStatus);
        Assert.Equal("cancelled while paused", done.ReadOutputAs<string>());
    }
}
