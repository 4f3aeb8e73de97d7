using Microsoft.Extensions.Time.Testing;

namespace Durable.Backend.Tests.Engines;

/// <summary>Waits with a deadline, so an engine that hangs fails the test instead of blocking the run.</summary>
internal static class Waits
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    /// <summary>Waits until the instance has finished, with inputs and outputs.</summary>
    public static async Task<OrchestrationMetadata> CompletionAsync(this DurableTaskClient client, string instanceId)
    {
        using var cts = new CancellationTokenSource(Deadline);
        return await client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, cts.Token);
    }

    /// <summary>Schedules an orchestration and waits until it has finished.</summary>
    public static async Task<OrchestrationMetadata> RunAsync(this DurableTaskClient client, TaskName orchestrator, object? input = null, string? instanceId = null)
    {
        var id = await client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input, new StartOrchestrationOptions(instanceId));
        return await client.CompletionAsync(id);
    }

    /// <summary>Polls the instance until <paramref name="condition"/> holds; fails the test at the deadline.</summary>
    public static async Task<OrchestrationMetadata> UntilAsync(
        this DurableTaskClient client, string instanceId, Func<OrchestrationMetadata, bool> condition, string what)
    {
        OrchestrationMetadata? last = null;
        await Until(
            async () =>
            {
                last = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
                return last is not null && condition(last);
            },
            () => $"{instanceId}: {what} (last seen: {last?.RuntimeStatus}, custom status {last?.SerializedCustomStatus})");
        return last!;
    }

    /// <summary>Waits until the orchestrator has reported <paramref name="customStatus"/>, i.e. reached that point and committed it.</summary>
    public static Task<OrchestrationMetadata> UntilCustomStatusAsync(this DurableTaskClient client, string instanceId, string customStatus) =>
        client.UntilAsync(instanceId, i => i.ReadCustomStatusAs<string>() == customStatus, $"custom status \"{customStatus}\"");

    /// <summary>Polls <paramref name="condition"/> every 20 ms until it holds; fails the test at the deadline.</summary>
    public static async Task Until(Func<Task<bool>> condition, Func<string> what)
    {
        using var cts = new CancellationTokenSource(Deadline);
        while (!await condition())
        {
            try
            {
                await Task.Delay(20, cts.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Timed out after {Deadline.TotalSeconds} s waiting for {what()}.");
            }
        }
    }

    /// <summary>
    /// Waits until the instance has finished while moving <paramref name="clock"/> on a second per look: the backend's
    /// polling, backoff and scheduled starts run on that clock, so on a fake one time passes only as the test moves it.
    /// </summary>
    public static async Task<OrchestrationMetadata> CompletionAsync(this DurableTaskClient client, string instanceId, FakeTimeProvider clock)
    {
        await Until(
            async () =>
            {
                clock.Advance(TimeSpan.FromSeconds(1));
                return (await client.GetInstanceAsync(instanceId))?.IsCompleted == true;
            },
            () => $"{instanceId} to finish while the fake clock ran (now {clock.GetUtcNow():O})");
        return await client.CompletionAsync(instanceId);
    }

    /// <summary>Waits for a signal from a task (an activity started, say) with the deadline.</summary>
    public static Task WithDeadline(this Task task) => task.WaitAsync(Deadline);
}
