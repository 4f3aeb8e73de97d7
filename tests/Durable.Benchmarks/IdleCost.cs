using System.Diagnostics;
using System.Globalization;
using Durable.Benchmarks.Engines.Ours;
using Durable.Benchmarks.Workloads;
using Durable.Benchmarks.Workloads.Sdk;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Durable.Benchmarks;

/// <summary>
/// <c>--idle N</c>: starts N orchestrations on ours that wait for an event and shows that the process's memory does
/// not grow with them (a waiting instance is only rows in the file; nothing of it is held by the worker or backend).
/// </summary>
internal static class IdleCost
{
    public static async Task RunAsync(string directory, int count)
    {
        var host = await OursEngine.StartHostAsync(Path.Combine(directory, "idle.db"), SdkWorkloads.Register);
        try
        {
            var client = host.Services.GetRequiredService<DurableTaskClient>();
            var first = Math.Min(1000, count);
            var baseline = await StartAndMeasureAsync(client, 0, first);
            Console.WriteLine($"  idle: {first} waiting: managed {baseline.Managed:F1} MB, working set {baseline.WorkingSet:F1} MB");
            var after = baseline;
            for (var started = first; started < count;)
            {
                var batch = Math.Min(10_000, count - started);
                after = await StartAndMeasureAsync(client, started, batch);
                started += batch;
                Console.WriteLine($"  idle: {started} waiting: managed {after.Managed:F1} MB, working set {after.WorkingSet:F1} MB");
            }

            // Everything still works after: wake the first and the last.
            foreach (var id in new[] { Id(0), Id(count - 1) }.Distinct())
            {
                await client.RaiseEventAsync(id, Workload.WakeEvent, 1);
                var result = await client.WaitForInstanceCompletionAsync(id);
                Console.WriteLine($"  idle: {id} woken, {result.RuntimeStatus}");
            }

            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"idle: instances={count} managed_mb_{first}={baseline.Managed:F1} managed_mb_{count}={after.Managed:F1} working_set_mb_{first}={baseline.WorkingSet:F1} working_set_mb_{count}={after.WorkingSet:F1}"));
        }
        finally
        {
            await OursEngine.StopAsync(host);
        }
    }

    private static string Id(int i) => $"idle-{i}";

    private static async Task<(double Managed, double WorkingSet)> StartAndMeasureAsync(DurableTaskClient client, int from, int count)
    {
        var ids = Enumerable.Range(from, count).Select(Id).ToList();
        await Task.WhenAll(ids.Select(id => client.ScheduleNewOrchestrationInstanceAsync(nameof(WakeOnEvent), "waiting", new StartOrchestrationOptions(id))));
        foreach (var id in ids)
        {
            await client.WaitForInstanceStartAsync(id);
        }

        await Task.Delay(500); // let in-flight steps finish
        var managed = GC.GetTotalMemory(forceFullCollection: true) / 1048576.0;
        using var process = Process.GetCurrentProcess();
        return (managed, process.WorkingSet64 / 1048576.0);
    }
}
