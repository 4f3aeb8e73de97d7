using System.Globalization;
using Durable.Benchmarks.Engines;
using Durable.Benchmarks.Workloads;

namespace Durable.Benchmarks.Measurement;

/// <summary>One engine's figures: orchestrations per second for each workload and event latency, with how many ran.</summary>
internal sealed record EngineFigures(string Engine, int Count, double Sequence5, double FanOut10, int Events, double EventP50Ms, double EventP99Ms)
{
    /// <summary>The store's logical transactions per HelloSequence5 orchestration, where the engine counts them.</summary>
    public double? LogicalPerSequence5 { get; init; }

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{this.Engine}: sequence5={this.Sequence5:F1} fanout10={this.FanOut10:F1} event_p50_ms={this.EventP50Ms:F1} event_p99_ms={this.EventP99Ms:F1} orchestrations={this.Count} events={this.Events}");
}

/// <summary>The same measurements, in the same order, on every engine.</summary>
internal static class EngineRun
{
    /// <summary>
    /// Starts the engine, measures it and always stops it. A failure is printed and leaves the engine's figures out
    /// ("na" in the summary, exit code 1) so one engine's trouble does not cost the others' figures.
    /// </summary>
    public static async Task<EngineFigures?> MeasureAsync(string name, Func<Task<IEngineTarget>> start, int count, int events)
    {
        try
        {
            await using var engine = await start();
            return await MeasureAsync(engine, count, events);
        }
        catch (Exception error)
        {
            Console.WriteLine($"{name}: FAILED: {error}");
            Environment.ExitCode = 1;
            return null;
        }
    }

    private static async Task<EngineFigures> MeasureAsync(IEngineTarget engine, int count, int events)
    {
        Console.WriteLine($"{engine.Name}: {engine.Description}");
        Console.WriteLine($"{engine.Name}: {count} orchestrations per workload, {events} events");

        // Not counted: JIT (tiered compilation keeps recompiling hot code for the first seconds), connection
        // pools, and for Azure Storage the partition leases a new worker acquires. Both workloads, a quarter
        // of the measured count each, the same rule for every engine.
        var warmup = Math.Clamp(count / 4, 5, 500);
        await Throughput.MeasureAsync(engine, Workload.Sequence5, warmup, "warmup sequence5");
        await Throughput.MeasureAsync(engine, Workload.FanOut10, warmup, "warmup fanout10");

        var before = engine.CommitCounts;
        var sequence5 = await Throughput.MeasureAsync(engine, Workload.Sequence5, count, "sequence5");
        double? logicalPerSequence5 = null;
        if (before is { } b && engine.CommitCounts is { } a)
        {
            logicalPerSequence5 = (double)(a.Logical - b.Logical) / count;
            Console.WriteLine($"  {engine.Name} sequence5: {logicalPerSequence5:F1} logical transactions per orchestration, {(double)(a.Physical - b.Physical) / count:F2} physical commits");
        }

        var fanout10 = await Throughput.MeasureAsync(engine, Workload.FanOut10, count, "fanout10");
        var latencies = await EventLatency.MeasureAsync(engine, events);
        var figures = new EngineFigures(engine.Name, count, sequence5, fanout10, events, Percentile.Of(latencies, 0.50), Percentile.Of(latencies, 0.99))
        {
            LogicalPerSequence5 = logicalPerSequence5,
        };
        Console.WriteLine(figures);
        return figures;
    }
}
