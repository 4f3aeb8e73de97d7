using Durable.Testing;

namespace Durable.Tests.Runtime;

public class SubOrchestrationTests
{
    private static Task<DurableTestHost> StartAsync() => DurableTestHost.StartAsync(d => d
        .AddOrchestratorFunc<int, int>("Parent", async (ctx, n) =>
            await ctx.CallSubOrchestratorAsync<int>("Child", n, new SubOrchestrationOptions($"{ctx.InstanceId}-child")) + 1)
        .AddOrchestratorFunc<int, int>("FanOutParent", async (ctx, n) =>
            (await Task.WhenAll(Enumerable.Range(1, n).Select(i => ctx.CallSubOrchestratorAsync<int>("Child", i)))).Sum())
        .AddOrchestratorFunc<int, int>("Child", async (ctx, n) => await ctx.CallActivityAsync<int>("Double", n))
        .AddOrchestratorFunc<string, string>("CatchingParent", async (ctx, _) =>
        {
            try
            {
                await ctx.CallSubOrchestratorAsync<string>("FailingChild");
                return "no exception";
            }
            catch (TaskFailedException e)
            {
                return $"{e.TaskName}: {e.FailureDetails.ErrorType}: {e.FailureDetails.ErrorMessage}";
            }
        })
        .AddOrchestratorFunc<string, string>("FailingChild", (_, _) => throw new InvalidOperationException("child broke"))
        .AddOrchestratorFunc<string, string>("WaitingChild", (ctx, _) => ctx.WaitForExternalEvent<string>("Go"))
        .AddOrchestratorFunc<string, string>("ParentOfWaitingChild", async (ctx, childId) =>
        {
            try
            {
                return await ctx.CallSubOrchestratorAsync<string>("WaitingChild", null, new SubOrchestrationOptions(childId));
            }
            catch (TaskFailedException e)
            {
                return "failed: " + e.FailureDetails.ErrorMessage;
            }
        })
        .AddActivityFunc<int, int>("Double", (_, n) => Task.FromResult(n * 2)));

    [Fact]
    public async Task CallSubOrchestratorAsync_WithExplicitInstanceId_ReturnsTheChildsOutputAndTheChildIsVisible()
    {
        await using var host = await StartAsync();

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Parent", 20, new("parent-1"));
        var done = await host.CompletionAsync(id);

        Assert.Equal(41, done.ReadOutputAs<int>());
        var child = await host.Client.GetInstanceAsync("parent-1-child", getInputsAndOutputs: true);
        Assert.NotNull(child);
        Assert.Equal("Child", child.Name);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, child.RuntimeStatus);
        Assert.Equal(40, child.ReadOutputAs<int>());
    }

    [Fact]
    public async Task CallSubOrchestratorAsync_FannedOut_ReturnsEveryChildsOutput()
    {
        await using var host = await StartAsync();

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("FanOutParent", 5);
        var done = await host.CompletionAsync(id);

        Assert.Equal(2 * (1 + 2 + 3 + 4 + 5), done.ReadOutputAs<int>());
        var children = await host.Client.GetAllInstancesAsync(new OrchestrationQuery { Name = "Child" }).ToListAsync();
        Assert.Equal(5, children.Count);
        Assert.All(children, c => Assert.Equal(OrchestrationRuntimeStatus.Completed, c.RuntimeStatus));
    }

    [Fact]
    public async Task CallSubOrchestratorAsync_ChildFails_ParentGetsTaskFailedExceptionWithTheChildsFailure()
    {
        await using var host = await StartAsync();

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("CatchingParent");
        var done = await host.CompletionAsync(id);

        Assert.Equal("FailingChild: System.InvalidOperationException: child broke", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task CallSubOrchestratorAsync_ChildTerminated_ParentGetsTaskFailedException()
    {
        await using var host = await StartAsync();

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("ParentOfWaitingChild", "child-to-terminate");
        await host.RunningAsync("child-to-terminate");
        await host.Client.TerminateInstanceAsync("child-to-terminate", "no longer needed");
        var done = await host.CompletionAsync(id);

        Assert.StartsWith("failed: ", done.ReadOutputAs<string>(), StringComparison.Ordinal);
        Assert.Contains("no longer needed", done.ReadOutputAs<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallSubOrchestratorAsync_IdOfAnActiveInstance_FailsTheParentsTaskInsteadOfWaitingForever()
    {
        await using var host = await StartAsync();
        await host.Client.ScheduleNewOrchestrationInstanceAsync("WaitingChild", options: new("taken"));
        await host.RunningAsync("taken");

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("ParentOfWaitingChild", "taken");
        var done = await host.CompletionAsync(id);

        Assert.StartsWith("failed: ", done.ReadOutputAs<string>(), StringComparison.Ordinal);
        Assert.Contains("taken", done.ReadOutputAs<string>(), StringComparison.Ordinal);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync("taken"))!.RuntimeStatus);
    }

    [Fact]
    public async Task CallSubOrchestratorAsync_WithRetry_StartsAFreshChildPerAttempt()
    {
        var attempts = 0;
        await using var host = await DurableTestHost.StartAsync(d => d
            .AddOrchestratorFunc<string, string>("RetryingParent", (ctx, _) => ctx.CallSubOrchestratorAsync<string>(
                "FlakyChild", null, new SubOrchestrationOptions(Retry: new RetryPolicy(3, TimeSpan.FromMilliseconds(50)))))
            .AddOrchestratorFunc<string, string>("FlakyChild", async (ctx, _) =>
            {
                var attempt = await ctx.CallActivityAsync<int>("CountAttempt");
                return attempt < 3 ? throw new InvalidOperationException($"attempt {attempt}") : $"succeeded on attempt {attempt}";
            })
            .AddActivityFunc<string, int>("CountAttempt", (_, _) => Task.FromResult(Interlocked.Increment(ref attempts))));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("RetryingParent");
        var done = await host.CompletionAsync(id);

        Assert.Equal("succeeded on attempt 3", done.ReadOutputAs<string>());
        var children = await host.Client.GetAllInstancesAsync(new OrchestrationQuery { Name = "FlakyChild" }).ToListAsync();
        Assert.Equal(3, children.Count);
        Assert.Equal(2, children.Count(c => c.RuntimeStatus == OrchestrationRuntimeStatus.Failed));
    }

    [Fact]
    public async Task A_child_that_continues_as_new_reports_its_final_output_to_the_parent()
    {
        await using var host = await DurableTestHost.StartAsync(d => d
            .AddOrchestratorFunc<int, int>("Parent", (ctx, n) => ctx.CallSubOrchestratorAsync<int>("Countdown", n))
            .AddOrchestratorFunc<int, int>("Countdown", async (ctx, n) =>
            {
                await ctx.CreateTimer(TimeSpan.FromMilliseconds(1), CancellationToken.None);
                if (n > 0)
                {
                    ctx.ContinueAsNew(n - 1);
                }

                return 42;
            }));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Parent", 3);

        Assert.Equal(42, (await host.CompletionAsync(id)).ReadOutputAs<int>());
    }

    [Fact]
    public async Task A_child_started_before_the_parent_continued_as_new_does_not_complete_a_task_of_the_next_generation()
    {
        await using var host = await DurableTestHost.StartAsync(d => d
            .AddOrchestratorFunc<int, string>("Monitor", async (ctx, generation) =>
            {
                if (generation == 0)
                {
                    // Started and not awaited: its result arrives after this generation has ended.
                    _ = ctx.CallSubOrchestratorAsync<string>("Lingering", null, new SubOrchestrationOptions("lingering-child"));
                    await ctx.CreateTimer(TimeSpan.FromMilliseconds(1), CancellationToken.None);
                    ctx.ContinueAsNew(1);
                    return "continued";
                }

                ctx.SetCustomStatus("second generation");
                using var cts = new CancellationTokenSource();
                var timer = ctx.CreateTimer(TimeSpan.FromMinutes(10), cts.Token); // The same task id the child had.
                var done = ctx.WaitForExternalEvent<string>("Done");
                var winner = await Task.WhenAny(timer, done);
                cts.Cancel();
                return winner == done ? "done" : "the old child's result completed the new timer";
            })
            .AddOrchestratorFunc<string, string>("Lingering", (ctx, _) => ctx.WaitForExternalEvent<string>("Finish")));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Monitor", 0);
        await host.UntilAsync(id, i => i.SerializedCustomStatus is not null, "the second generation");

        await host.Client.RaiseEventAsync("lingering-child", "Finish", "child result");
        await host.CompletionAsync("lingering-child");
        await HostWaits.Until(async () => await host.QueuedMessageCountAsync(id) == 1, "the child's result to be consumed (only the timer left)");
        await host.Client.RaiseEventAsync(id, "Done");

        Assert.Equal("done", (await host.CompletionAsync(id)).ReadOutputAs<string>());
    }
}
