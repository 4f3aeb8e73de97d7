using System.Diagnostics;
using Durable.Testing;

namespace Durable.Benchmarks;

/// <summary>
/// `-- --idle N`: schedules N orchestrations that wait for an event and shows that the worker's memory
/// does not grow with them (a waiting instance is only rows in the file).
/// </summary>
internal static class IdleCost
{
    public static async Task RunAsync(string directory, int count)
    {
        await using var host = await DurableTestHost.StartAsync(
            d => d.AddOrchestratorFunc<int, int>("Waiter", (ctx, _) => ctx.WaitForExternalEvent<int>("wake")),
            databasePath: Path.Combine(directory, "idle.db"));
        var baseline = await ScheduleAndMeasureAsync(host.Client, 0, 1000);
        Console.WriteLine($"  idle: 1000 waiting: managed {baseline.Managed:F1} MB, working set {baseline.WorkingSet:F1} MB");
        var after = baseline;
        for (var scheduled = 1000; scheduled < count;)
        {
            var batch = Math.Min(10_000, count - scheduled);
            after = await ScheduleAndMeasureAsync(host.Client, scheduled, batch);
            scheduled += batch;
            Console.WriteLine($"  idle: {scheduled} waiting: managed {after.Managed:F1} MB, working set {after.WorkingSet:F1} MB");
        }

        // Everything still works after: wake one of the first and one of the last.
        await host.Client.RaiseEventAsync("idle-0", "wake", 1);
        await host.Client.RaiseEventAsync($"idle-{count - 1}", "wake", 1);
        await host.Client.WaitForInstanceCompletionAsync("idle-0");
        await host.Client.WaitForInstanceCompletionAsync($"idle-{count - 1}");
        Console.WriteLine(FormattableString.Invariant(
            $"idle: instances={count} managed_mb_1000={baseline.Managed:F1} managed_mb_{count}={after.Managed:F1} working_set_mb_1000={baseline.WorkingSet:F1} working_set_mb_{count}={after.WorkingSet:F1}"));
    }

    private static async Task<(double Managed, double WorkingSet)> ScheduleAndMeasureAsync(DurableTaskClient client, int from, int count)
    {
        var ids = await Task.WhenAll(Enumerable.Range(from, count).Select(i =>
            client.ScheduleNewOrchestrationInstanceAsync("Waiter", i, new StartOrchestrationOptions($"idle-{i}"))));
        foreach (var id in ids)
        {
            while ((await client.GetInstanceAsync(id))?.RuntimeStatus != OrchestrationRuntimeStatus.Running)
            {
                await Task.Delay(20);
            }
        }

        await Task.Delay(500); // let in-flight steps finish
        var managed = GC.GetTotalMemory(forceFullCollection: true) / 1048576.0;
        using var process = Process.GetCurrentProcess();
        return (managed, process.WorkingSet64 / 1048576.0);
    }
}
