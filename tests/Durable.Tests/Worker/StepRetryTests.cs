using System.Diagnostics;
using Durable.Runtime;
using Durable.Storage;
using Durable.Testing;
using Durable.Worker;

namespace Durable.Tests.Worker;

/// <summary>A step that cannot be processed is retried with backoff, and what it leaves behind is cleaned up.</summary>
public sealed class StepRetryTests
{
    [Theory]
    [InlineData(1, 100)]
    [InlineData(2, 200)]
    [InlineData(4, 800)]
    [InlineData(30, 60_000)]
    public void RetryDelay_ByAttempt_DoublesFromATenthOfASecondUpToAMinute(int attempt, int expectedMs)
    {
        var item = new OrchestrationWorkItem(
            "token",
            new InstanceState { InstanceId = "i", ExecutionId = "x", Name = "n", Status = OrchestrationRuntimeStatus.Running, CreatedAt = DateTime.UtcNow, LastUpdatedAt = DateTime.UtcNow },
            [],
            [new QueuedMessage(1, null, new HistoryEvent(EventType.EventRaised, DateTime.UtcNow), attempt)]);

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), OrchestrationDispatcher.RetryDelay(item));
    }

    [Fact]
    public async Task A_step_that_keeps_failing_is_retried_with_growing_pauses_before_it_is_set_aside()
    {
        await using var host = await DurableTestHost.StartAsync(d => d
            .AddOrchestrator<CannotBeCreated>()
            .Configure(o => o.MaxDequeueCount = 4));
        var stopwatch = Stopwatch.StartNew();

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(CannotBeCreated));
        var failed = await host.CompletionAsync(id);

        // Four attempts with 0.1 + 0.2 + 0.4 s between them: without backoff they take a few milliseconds.
        Assert.Equal(OrchestrationRuntimeStatus.Failed, failed.RuntimeStatus);
        Assert.StartsWith("Set aside after 4 failed attempts", failed.FailureDetails?.ErrorMessage, StringComparison.Ordinal);
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(700), $"set aside after {stopwatch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Purging_a_poisoned_instance_removes_its_set_aside_messages_too()
    {
        await using var host = await DurableTestHost.StartAsync(d => d
            .AddOrchestrator<CannotBeCreated>()
            .Configure(o => o.MaxDequeueCount = 1));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(CannotBeCreated));
        await host.CompletionAsync(id);
        Assert.NotEmpty(await host.Client.GetPoisonMessagesAsync(id));

        Assert.Equal(1, (await host.Client.PurgeInstanceAsync(id)).PurgedInstanceCount);

        Assert.Empty(await host.Client.GetPoisonMessagesAsync(id));
    }

    [Fact]
    public async Task A_waiter_that_gives_up_or_finishes_leaves_no_watcher_behind()
    {
        await using var host = await DurableTestHost.StartAsync(d => d
            .AddOrchestratorFunc<int, int>("Waits", (ctx, _) => ctx.WaitForExternalEvent<int>("never"))
            .AddOrchestratorFunc<int, int>("Quick", (_, x) => Task.FromResult(x)));
        var signals = host.Store().Signals;
        var waiting = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waits", 0);
        var quick = await host.Client.ScheduleNewOrchestrationInstanceAsync("Quick", 1);
        await host.CompletionAsync(quick);
        await host.RunningAsync(waiting);

        using var giveUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.Client.WaitForInstanceCompletionAsync(waiting, cancellationToken: giveUp.Token));
        await host.Client.WaitForInstanceCompletionAsync(quick); // already finished

        Assert.Equal(0, signals.WatcherCount);
    }

    /// <summary>Its constructor needs a service nobody registered, so every step fails before it runs.</summary>
    private sealed class CannotBeCreated(CannotBeCreated.IMissing missing) : TaskOrchestrator<object?, string>
    {
        public interface IMissing;

        public override Task<string> RunAsync(TaskOrchestrationContext context, object? input) => Task.FromResult(missing.ToString()!);
    }
}
