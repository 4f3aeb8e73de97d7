using System.Collections.Concurrent;
using System.Diagnostics;

namespace Durable.Benchmarks.Workloads;

/// <summary>
/// When each woken instance's activity ran, on this process's <see cref="Stopwatch"/>. The activity runs in the
/// benchmark's own process on every engine, so its timestamp and the one taken before RaiseEvent share one clock.
/// </summary>
internal static class WakeTimes
{
    private static readonly ConcurrentDictionary<string, long> Arrivals = new(StringComparer.Ordinal);

    public static void Record(string instanceId) => Arrivals.TryAdd(instanceId, Stopwatch.GetTimestamp());

    public static bool TryGet(string instanceId, out long timestamp) => Arrivals.TryGetValue(instanceId, out timestamp);
}
