using Durable.Runtime;
using Durable.Testing;

namespace Durable.Tests.Runtime;

public class NonDeterminismTests
{
    [Fact]
    public async Task An_orchestrator_that_changes_its_actions_mid_flight_fails_with_a_clear_reason_and_leaves_history_and_other_instances_intact()
    {
        var callBFirst = false; // Stands in for a code change deployed while the instance waits.
        await using var host = await DurableTestHost.StartAsync(d => d
            .AddOrchestratorFunc<string, string>("Drifting", async (ctx, _) =>
            {
                var first = await ctx.CallActivityAsync<string>(callBFirst ? "B" : "A");
                return first + await ctx.WaitForExternalEvent<string>("Go");
            })
            .AddOrchestratorFunc<string, string>("Steady", async (ctx, _) =>
                await ctx.CallActivityAsync<string>("A") + await ctx.WaitForExternalEvent<string>("Go"))
            .AddActivityFunc<string, string>("A", (_, _) => Task.FromResult("a"))
            .AddActivityFunc<string, string>("B", (_, _) => Task.FromResult("b")));
        var drifting = await host.Client.ScheduleNewOrchestrationInstanceAsync("Drifting");
        var steady = await host.Client.ScheduleNewOrchestrationInstanceAsync("Steady");
        await host.UntilHistoryHasAsync(drifting, EventType.TaskCompleted);
        await host.UntilHistoryHasAsync(steady, EventType.TaskCompleted);
        var before = await host.HistoryAsync(drifting);

        callBFirst = true;
        await host.Client.RaiseEventAsync(drifting, "Go", "!");
        await host.Client.RaiseEventAsync(steady, "Go", "!");
        var failed = await host.CompletionAsync(drifting);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, failed.RuntimeStatus);
        Assert.Equal(typeof(NonDeterministicOrchestrationException).FullName, failed.FailureDetails?.ErrorType);
        var reason = failed.FailureDetails!.ErrorMessage;
        Assert.Contains("step #0", reason, StringComparison.Ordinal);
        Assert.Contains("call activity 'A'", reason, StringComparison.Ordinal);
        Assert.Contains("call activity 'B'", reason, StringComparison.Ordinal);

        var after = await host.HistoryAsync(drifting);
        Assert.Equal(before, after.Take(before.Count));
        Assert.Equal([EventType.OrchestratorStarted, EventType.ExecutionCompleted], after.Skip(before.Count).Select(e => e.Type));
        Assert.Equal("a!", (await host.CompletionAsync(steady)).ReadOutputAs<string>());

        // New instances run the changed code from the start, without trouble.
        var fresh = await host.Client.ScheduleNewOrchestrationInstanceAsync("Drifting");
        await host.UntilHistoryHasAsync(fresh, EventType.TaskCompleted);
        await host.Client.RaiseEventAsync(fresh, "Go", "?");
        Assert.Equal("b?", (await host.CompletionAsync(fresh)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task An_orchestrator_that_replaces_a_timer_with_an_activity_fails_naming_both()
    {
        var useActivity = false;
        await using var host = await DurableTestHost.StartAsync(d => d
            .AddOrchestratorFunc<string, string>("TimerOrActivity", async (ctx, _) =>
            {
                if (useActivity)
                {
                    await ctx.CallActivityAsync<string>("A");
                }
                else
                {
                    await ctx.CreateTimer(TimeSpan.FromMilliseconds(1), CancellationToken.None);
                }

                return await ctx.WaitForExternalEvent<string>("Go");
            })
            .AddActivityFunc<string, string>("A", (_, _) => Task.FromResult("a")));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("TimerOrActivity");
        await host.UntilHistoryHasAsync(id, EventType.TimerFired);

        useActivity = true;
        await host.Client.RaiseEventAsync(id, "Go", "!");
        var failed = await host.CompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, failed.RuntimeStatus);
        Assert.Contains("create a timer", failed.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("call activity 'A'", failed.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_deterministic_child_fails_the_parents_task_with_the_reason()
    {
        var drift = false;
        await using var host = await DurableTestHost.StartAsync(d => d
            .AddOrchestratorFunc<string, string>("Parent", async (ctx, _) =>
            {
                try
                {
                    return await ctx.CallSubOrchestratorAsync<string>("DriftingChild", null, new SubOrchestrationOptions("drifting-child"));
                }
                catch (TaskFailedException e)
                {
                    return e.FailureDetails.ErrorType;
                }
            })
            .AddOrchestratorFunc<string, string>("DriftingChild", async (ctx, _) =>
            {
                await ctx.CallActivityAsync<string>(drift ? "B" : "A");
                return await ctx.WaitForExternalEvent<string>("Go");
            })
            .AddActivityFunc<string, string>("A", (_, _) => Task.FromResult("a"))
            .AddActivityFunc<string, string>("B", (_, _) => Task.FromResult("b")));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Parent");
        await host.UntilHistoryHasAsync("drifting-child", EventType.TaskCompleted);

        drift = true;
        await host.Client.RaiseEventAsync("drifting-child", "Go", "!");

        Assert.Equal(typeof(NonDeterministicOrchestrationException).FullName, (await host.CompletionAsync(id)).ReadOutputAs<string>());
    }
}
