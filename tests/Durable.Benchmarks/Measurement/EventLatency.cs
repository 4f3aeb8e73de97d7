using System.Diagnostics;
using Durable.Benchmarks.Engines;
using Durable.Benchmarks.Workloads;

namespace Durable.Benchmarks.Measurement;

/// <summary>
/// RaiseEvent → orchestrator resumed, in milliseconds, for instances that wait for one event each.
/// </summary>
/// <remarks>
/// Method: the timestamp is taken just before the client's RaiseEvent call; the orchestrator, once the event has
/// reached it, calls an activity that records the time on the same stopwatch (<see cref="WakeTimes"/>). So each
/// figure covers the raise call, the engine storing the event, dispatching and replaying the orchestrator, storing
/// its step (durably on the durable engines; the step that schedules the activity) and dispatching that activity:
/// the resumption plus one activity dispatch, an upper bound for "resumed". It is not timed inside the orchestrator,
/// because that code runs before its step is stored and may run again on a retry, so it would count a resumption no
/// engine has committed. Events are raised one at a time with a short pause, so this is the latency of a lightly
/// loaded engine, not of a queue.
/// </remarks>
internal static class EventLatency
{
    public static async Task<List<double>> MeasureAsync(IEngineTarget engine, int instances)
    {
        // Not counted: a tenth as many first (at least 5), the same way. The throughput warm-up never raised an event, so
        // the first event's path (the client's raise, the event's message, the wake-up) ran cold: on PostgreSQL the first
        // event was the slowest in three of four runs (32–49 ms against a p50 of 7–13), and the third slowest of 200 is the 99th percentile.
        await RaiseAsync(engine, "wake-warmup", Math.Max(instances / 10, 5));
        return await RaiseAsync(engine, "wake", instances);
    }

    private static async Task<List<double>> RaiseAsync(IEngineTarget engine, string label, int instances)
    {
        var ids = Enumerable.Range(0, instances).Select(i => $"{engine.Name}-{label}-{i}").ToList();
        await Task.WhenAll(ids.Select((id, i) => engine.StartAsync(Workload.Wake, id, i)));
        await Task.WhenAll(ids.Select(engine.WaitUntilRunningAsync));
        await Task.Delay(TimeSpan.FromSeconds(1)); // every first step stored: each event below finds its instance waiting
        Console.WriteLine($"  {engine.Name} {label}: {instances} instances waiting; raising one event each");

        var raisedAt = new long[instances];
        for (var i = 0; i < instances; i++)
        {
            raisedAt[i] = Stopwatch.GetTimestamp();
            await engine.RaiseWakeAsync(ids[i]);
            await Task.Delay(2);
        }

        await engine.WaitForCompletionAsync(ids, new RunClock(), _ => { });
        var latencies = ids.Select((id, i) => WakeTimes.TryGet(id, out var woken)
            ? Stopwatch.GetElapsedTime(raisedAt[i], woken).TotalMilliseconds
            : throw new InvalidOperationException($"{id} completed without recording its wake-up")).ToList();
        // Where the slowest were in the run: at its start (something still cold) or anywhere (a pause of the machine).
        var slowest = latencies.Select((ms, i) => (Ms: ms, Number: i + 1)).OrderByDescending(e => e.Ms).Take(3);
        Console.WriteLine($"  {engine.Name} {label}: slowest {string.Join(", ", slowest.Select(e => $"#{e.Number} {e.Ms:F1} ms"))}");
        return latencies;
    }
}
