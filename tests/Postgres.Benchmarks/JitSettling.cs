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
    /// Warm-up rounds until one leaves the JIT little to do: each round runs the workload and then waits for the JIT to settle.
    /// One round was not enough on this machine: methods that the first round called often while other methods were
    /// still being compiled for the first time were not counted for tier 1 yet (the runtime delays call counting while
    /// it compiles new methods), and 2 500 of them were recompiled during the measurement, the compiling thread taking
    /// a seventh of the processor time.
    /// </summary>
    public static async Task WarmUpAsync(string label, Func<int, Task> round, Func<long> compiledMethods, int rounds = 4, long quiet = 200)
    {
        for (var n = 1; n <= rounds; n++)
        {
            var before = compiledMethods();
            await round(n);
            await WaitAsync($"{label} warmup {n}", compiledMethods, TimeSpan.FromSeconds(60));
            var compiled = compiledMethods() - before;
            if (compiled < quiet)
            {
                return;
            }
        }
    }

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
