using System.Diagnostics;
using Durable.Testing;
using Xunit.Abstractions;

namespace Durable.Tests.Worker;

/// <summary>Measures process memory, so it must not share the process with other tests running at the same time.</summary>
[CollectionDefinition(nameof(IdleMemoryTests), DisableParallelization = true)]
public sealed class IdleMemoryCollection;

[Collection(nameof(IdleMemoryTests))]
public class IdleMemoryTests(ITestOutputHelper output)
{
    private const int Baseline = 2_000;
    private const int Total = 20_000;

    [Fact]
    public async Task Instances_waiting_for_an_event_hold_no_worker_memory()
    {
        await using var host = await DurableTestHost.StartAsync(d => d
            .AddOrchestratorFunc<int, int>("Idle", async (ctx, n) => n + await ctx.WaitForExternalEvent<int>("Wake")));
        var clock = Stopwatch.StartNew();

        await ScheduleAsync(host, 0, Baseline);
        await AllRunningAsync(host, Baseline);
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var baselineWorkingSet = Environment.WorkingSet;
        var baselineSeconds = clock.Elapsed.TotalSeconds;

        await ScheduleAsync(host, Baseline, Total);
        await AllRunningAsync(host, Total);
        var loaded = GC.GetTotalMemory(forceFullCollection: true);

        var growthMb = (loaded - baseline) / 1024.0 / 1024.0;
        output.WriteLine(
            $"managed memory: {baseline / 1024.0 / 1024.0:F1} MB with {Baseline} waiting instances ({baselineSeconds:F1} s), " +
            $"{loaded / 1024.0 / 1024.0:F1} MB with {Total} ({clock.Elapsed.TotalSeconds:F1} s): growth {growthMb:F1} MB; " +
            $"working set (informational, includes SQLite's page cache) {baselineWorkingSet / 1024.0 / 1024.0:F0} → {Environment.WorkingSet / 1024.0 / 1024.0:F0} MB");
        Assert.True(growthMb < 30, $"managed memory grew {growthMb:F1} MB for {Total - Baseline} more waiting instances");

        // They are really waiting, not lost: a few woken now finish with the right output.
        foreach (var n in new[] { 0, Baseline, Total - 1 })
        {
            await host.Client.RaiseEventAsync($"idle-{n}", "Wake", 1);
        }

        foreach (var n in new[] { 0, Baseline, Total - 1 })
        {
            Assert.Equal(n + 1, (await host.CompletionAsync($"idle-{n}")).ReadOutputAs<int>());
        }
    }

    private static async Task ScheduleAsync(DurableTestHost host, int from, int to)
    {
        foreach (var chunk in Enumerable.Range(from, to - from).Chunk(500))
        {
            await Task.WhenAll(chunk.Select(n => host.Client.ScheduleNewOrchestrationInstanceAsync("Idle", n, new($"idle-{n}"))));
        }
    }

    private static async Task AllRunningAsync(DurableTestHost host, int expected)
    {
        var pending = new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Pending], PageSize = 1 };
        // Generous: on a loaded machine starting 18 000 instances may take a while; speed belongs to the benchmark.
        await HostWaits.Until(
            async () => (await host.Client.QueryInstancesAsync(pending)).Values.Count == 0, "every instance to start", TimeSpan.FromMinutes(2));
        var running = 0;
        await foreach (var _ in host.Client.GetAllInstancesAsync(new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Running], PageSize = 1000 }))
        {
            running++;
        }

        Assert.Equal(expected, running);
    }
}
