using System.Diagnostics;

namespace Postgres.Benchmarks;

/// <summary>
/// After the warm-up, the wait until the JIT has settled: methods the warm-up made hot are recompiled optimised (tier 1)
/// on a background thread, and on a saturated 2-core machine that thread falls behind, so a measurement started at once
/// ran partly on unoptimised code and measured the JIT. A service that has run for a minute has none of that left.
/// </summary>
internal static class JitSettling
{
    private static readonly TimeSpan Sample = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Waits until <paramref name="compiledMethods"/> (every process's count) stays the same for a whole second, at most
    /// <paramref name="longest"/>; prints how long that took and how many methods were compiled meanwhile.
    /// </summary>
    public static async Task WaitAsync(string label, Func<long> compiledMethods, TimeSpan longest)
    {
        var clock = Stopwatch.StartNew();
        var first = compiledMethods();
        var last = first;
        var quietSamples = 0;
        while (quietSamples < 2 && clock.Elapsed < longest)
        {
            await Task.Delay(Sample);
            var now = compiledMethods();
            quietSamples = now == last ? quietSamples + 1 : 0;
            last = now;
        }

        var settled = quietSamples >= 2 ? "settled" : "still compiling";
        Console.WriteLine($"  {label}: JIT {settled} after {clock.Elapsed.TotalSeconds:F1} s ({last - first} methods compiled meanwhile)");
    }
}
