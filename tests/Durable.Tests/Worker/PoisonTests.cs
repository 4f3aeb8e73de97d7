using Durable.Testing;

namespace Durable.Tests.Worker;

public interface IUnregisteredDependency;

/// <summary>Needs a service nobody registered: every attempt to run a step of it fails before any orchestrator code runs.</summary>
public sealed class NeedsUnregisteredDependency(IUnregisteredDependency dependency) : TaskOrchestrator<string, string>
{
    public override Task<string> RunAsync(TaskOrchestrationContext context, string input) => Task.FromResult(dependency.ToString()!);
}

public class PoisonTests
{
    private static readonly TimeSpan ShortLease = TimeSpan.FromMilliseconds(50);

    [Fact]
    public async Task An_activity_task_whose_workers_keep_dying_is_set_aside_after_MaxDequeueCount_and_the_orchestration_gets_TaskFailed()
    {
        var directory = Directory.CreateTempSubdirectory("durable-poison-").FullName;
        var path = Path.Combine(directory, "durable.db");
        try
        {
            static DurableTaskBuilder Orchestration(DurableTaskBuilder d) => d.AddOrchestratorFunc<string, string>("CallsDoomed", async (ctx, _) =>
            {
                try
                {
                    return await ctx.CallActivityAsync<string>("Doomed");
                }
                catch (TaskFailedException e)
                {
                    return $"caught {e.FailureDetails.ErrorType}: {e.FailureDetails.ErrorMessage}";
                }
            });

            // A worker takes the task and stops while it runs (attempt 1).
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            string id;
            await using (var first = await DurableTestHost.StartAsync(
                d => Orchestration(d).AddActivityFunc<string, string>("Doomed", async (c, _) =>
                {
                    started.TrySetResult();
                    await Task.Delay(Timeout.Infinite, c.CancellationToken);
                    return "never";
                }),
                databasePath: path))
            {
                id = await first.Client.ScheduleNewOrchestrationInstanceAsync("CallsDoomed");
                await started.Task.WaitAsync(HostWaits.Deadline);
            }

            // Two more workers lease it and die without a word (attempts 2 and 3).
            await using (var dying = await DurableTestHost.StartAsync(d => Orchestration(d).Configure(o => o.EnableWorker = false), databasePath: path))
            {
                var leased = 0;
                await HostWaits.Until(
                    async () =>
                    {
                        leased += (await dying.Store().LockActivitiesAsync("dying-worker", 1, ShortLease, CancellationToken.None)).Count;
                        return leased == 2;
                    },
                    "two more leases of the task");
            }

            // A healthy worker with MaxDequeueCount = 2 sets it aside instead of running it a fourth time.
            var ranAgain = 0;
            await using var healthy = await DurableTestHost.StartAsync(
                d => Orchestration(d)
                    .AddActivityFunc<string, string>("Doomed", (_, _) => Task.FromResult($"ran again {Interlocked.Increment(ref ranAgain)}"))
                    .Configure(o => o.MaxDequeueCount = 2),
                databasePath: path);
            var done = await healthy.CompletionAsync(id);

            Assert.Equal(0, ranAgain);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
            Assert.StartsWith("caught Durable.PoisonMessage: Set aside after 3 attempts: ", done.ReadOutputAs<string>(), StringComparison.Ordinal);
            var poison = Assert.Single(await healthy.Client.GetPoisonMessagesAsync(id));
            Assert.Equal(("activity", "Doomed", 3), (poison.Kind, poison.Name, poison.Attempts));
            Assert.StartsWith("Set aside after 3 attempts", poison.Reason, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task An_orchestration_message_whose_workers_keep_dying_is_set_aside_and_other_instances_still_complete()
    {
        var directory = Directory.CreateTempSubdirectory("durable-poison-").FullName;
        var path = Path.Combine(directory, "durable.db");
        try
        {
            var poisonedRuns = 0;
            DurableTaskBuilder Orchestrations(DurableTaskBuilder d) => d
                .AddOrchestratorFunc<string, string>("Poisoned", (_, _) => Task.FromResult($"ran {Interlocked.Increment(ref poisonedRuns)}"))
                .AddOrchestratorFunc<int, int>("Healthy", async (ctx, n) => await ctx.CallActivityAsync<int>("Double", n))
                .AddActivityFunc<int, int>("Double", (_, n) => Task.FromResult(n * 2));

            // Workers lease the instance three times and die before committing a step.
            await using (var dying = await DurableTestHost.StartAsync(d => Orchestrations(d).Configure(o => o.EnableWorker = false), databasePath: path))
            {
                await dying.Client.ScheduleNewOrchestrationInstanceAsync("Poisoned", options: new("poisoned"));
                var leased = 0;
                await HostWaits.Until(
                    async () =>
                    {
                        var items = await dying.Store().LockOrchestrationsAsync("dying-worker", 1, ShortLease, CancellationToken.None);
                        Assert.All(items, i => Assert.Equal("poisoned", i.Instance.InstanceId));
                        leased += items.Count;
                        return leased == 3;
                    },
                    "three leases of the instance");

                for (var i = 0; i < 5; i++)
                {
                    await dying.Client.ScheduleNewOrchestrationInstanceAsync("Healthy", i, new($"healthy-{i}"));
                }
            }

            await using var worker = await DurableTestHost.StartAsync(d => Orchestrations(d).Configure(o => o.MaxDequeueCount = 2), databasePath: path);
            var failed = await worker.CompletionAsync("poisoned");
            var healthy = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => worker.CompletionAsync($"healthy-{i}")));

            Assert.Equal(0, poisonedRuns);
            Assert.Equal(OrchestrationRuntimeStatus.Failed, failed.RuntimeStatus);
            Assert.Equal("Durable.PoisonMessage", failed.FailureDetails?.ErrorType);
            Assert.StartsWith("Set aside after 3 failed attempts", failed.FailureDetails?.ErrorMessage, StringComparison.Ordinal);
            var poison = Assert.Single(await worker.Client.GetPoisonMessagesAsync("poisoned"));
            Assert.Equal(("orchestration", "ExecutionStarted", 3), (poison.Kind, poison.Name, poison.Attempts));
            Assert.Equal(failed.FailureDetails?.ErrorMessage, poison.Reason);
            Assert.Equal([0, 2, 4, 6, 8], healthy.Select(h => h.ReadOutputAs<int>()));
            Assert.Equal(0, await worker.QueuedMessageCountAsync("poisoned"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task An_orchestrator_that_cannot_be_created_fails_after_MaxDequeueCount_attempts_with_the_reason_kept()
    {
        await using var host = await DurableTestHost.StartAsync(d => d
            .AddOrchestrator<NeedsUnregisteredDependency>()
            .AddOrchestratorFunc<string, string>("Healthy", (_, input) => Task.FromResult(input))
            .Configure(o => o.MaxDequeueCount = 3));

        var broken = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(NeedsUnregisteredDependency));
        var healthy = await host.Client.ScheduleNewOrchestrationInstanceAsync("Healthy", "fine");
        var failed = await host.CompletionAsync(broken);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, failed.RuntimeStatus);
        Assert.Equal("Durable.PoisonMessage", failed.FailureDetails?.ErrorType);
        Assert.StartsWith("Set aside after 3 failed attempts", failed.FailureDetails?.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains(nameof(IUnregisteredDependency), failed.FailureDetails?.ErrorMessage, StringComparison.Ordinal);
        var poison = Assert.Single(await host.Client.GetPoisonMessagesAsync(broken));
        Assert.Equal(3, poison.Attempts);
        Assert.Equal("fine", (await host.CompletionAsync(healthy)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task An_activity_that_throws_is_a_failed_task_not_poison()
    {
        await using var host = await DurableTestHost.StartAsync(d => d
            .AddOrchestratorFunc<string, string>("CallsThrowing", (ctx, _) => ctx.CallActivityAsync<string>("Throws"))
            .AddActivityFunc<string, string>("Throws", (_, _) => throw new InvalidOperationException("boom"))
            .Configure(o => o.MaxDequeueCount = 1));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("CallsThrowing");
        var done = await host.CompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal("boom", done.FailureDetails?.InnerFailure?.ErrorMessage);
        Assert.Empty(await host.Client.GetPoisonMessagesAsync(id));
    }
}
