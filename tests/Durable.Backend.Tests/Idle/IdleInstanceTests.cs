using System.Diagnostics;
using Durable.Backend.Dispatch;
using Durable.Backend.Hosting;
using Durable.Backend.Tests.Isolation;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Durable.Backend.Tests.Idle;

/// <summary>Waits for one external event, then returns what it carried.</summary>
public sealed class WaitsForWakeUp : TaskOrchestrator<string?, string>
{
    public const string EventName = "WakeUp";

    public override Task<string> RunAsync(TaskOrchestrationContext context, string? input) => context.WaitForExternalEvent<string>(EventName);
}

/// <summary>
/// A waiting instance is a row in the store, not an object in memory: many instances waiting on an external event
/// cost the backend no managed memory and no work in flight. Runs alone: it measures the whole process's memory.
/// </summary>
/// <remarks>
/// 100 000 instances start in 11–20 s and all wait after 22–50 s on a shared 2-core machine (Debug or Release, other
/// builds running). Nearly all of the growth measured (13–16 MB, 140–170 bytes per instance) is not the idle instances
/// but the dispatcher's cache of completion tokens of the last five minutes (<c>RecentTokens</c>, one per step): emptied,
/// managed memory is back at the 1 000-instance baseline. It empties itself after five minutes; the limit leaves room for it.
/// </remarks>
[Collection(nameof(RunsAlone))]
public sealed class IdleInstanceTests(ITestOutputHelper output)
{
    private const int Baseline = 1_000;
    private const int Waiting = 100_000;
    private const int Batch = 500;
    private const long AllowedGrowthBytes = 20L * 1024 * 1024;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task A_hundred_thousand_instances_waiting_for_an_event_hold_no_managed_memory_and_no_work_in_flight()
    {
        await using var durable = await DurableEngine.StartAsync(DurableEngine.Ours, r => r.AddOrchestrator<WaitsForWakeUp>());
        var dispatcher = durable.Services.GetRequiredService<InProcessBackendHost>().Services.GetRequiredService<WorkItemDispatcher>();

        await CreateWaitingAsync(durable.Client, dispatcher, 0, Baseline);
        var atBaseline = GC.GetTotalMemory(forceFullCollection: true);

        var clock = Stopwatch.StartNew();
        var created = await CreateWaitingAsync(durable.Client, dispatcher, Baseline, Waiting);
        var allWaiting = clock.Elapsed;
        var atWaiting = GC.GetTotalMemory(forceFullCollection: true);

        var growth = atWaiting - atBaseline;
        output.WriteLine($"{Waiting - Baseline} more instances created in {created.TotalSeconds:F1} s, all waiting after {allWaiting.TotalSeconds:F1} s "
            + $"({(Waiting - Baseline) / allWaiting.TotalSeconds:F0}/s); managed memory {atBaseline / 1048576.0:F1} MB at {Baseline} waiting, "
            + $"{atWaiting / 1048576.0:F1} MB at {Waiting} ({growth / (double)(Waiting - Baseline):F0} bytes per instance)");
        Assert.True(growth < AllowedGrowthBytes, $"managed memory grew by {growth / 1048576.0:F1} MB from {Baseline} to {Waiting} waiting instances");
        Assert.Equal(0, dispatcher.InFlightCount);

        // Really waiting: a sample is Running, and wakes up and completes when its event comes.
        var sample = Enumerable.Range(0, 20).Select(i => $"idle-{i * (Waiting / 20) + 7}").ToList();
        foreach (var id in sample)
        {
            var instance = await durable.Client.GetInstanceAsync(id);
            Assert.True(instance?.RuntimeStatus == OrchestrationRuntimeStatus.Running, $"{id}: {instance?.RuntimeStatus}");
        }

        foreach (var id in sample.Take(3))
        {
            await durable.Client.RaiseEventAsync(id, WaitsForWakeUp.EventName, $"woken {id}");
            var done = await durable.Client.CompletionAsync(id);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
            Assert.Equal($"woken {id}", done.ReadOutputAs<string>());
        }
    }

    /// <summary>
    /// Starts instances idle-<paramref name="from"/> to idle-<paramref name="to"/> (exclusive), <see cref="Batch"/> at a time
    /// concurrently, then waits until none is Pending and nothing is in flight: every one has run once and now waits.
    /// Returns how long starting them took.
    /// </summary>
    private static async Task<TimeSpan> CreateWaitingAsync(DurableTaskClient client, WorkItemDispatcher dispatcher, int from, int to)
    {
        var clock = Stopwatch.StartNew();
        for (var start = from; start < to; start += Batch)
        {
            await Task.WhenAll(Enumerable.Range(start, Math.Min(Batch, to - start)).Select(i =>
                client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitsForWakeUp), new StartOrchestrationOptions($"idle-{i}"))));
            Assert.True(clock.Elapsed < Deadline, $"starting {to - from} instances took over {Deadline.TotalMinutes} minutes");
        }

        var created = clock.Elapsed;
        while (await AnyPendingAsync(client) || dispatcher.InFlightCount > 0)
        {
            Assert.True(clock.Elapsed < Deadline, $"{to - from} instances not all waiting after {Deadline.TotalMinutes} minutes");
            await Task.Delay(100);
        }

        return created;
    }

    private static async Task<bool> AnyPendingAsync(DurableTaskClient client)
    {
        var query = new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Pending], PageSize = 1 };
        await foreach (var page in client.GetAllInstancesAsync(query).AsPages())
        {
            return page.Values.Count > 0;
        }

        return false;
    }
}
