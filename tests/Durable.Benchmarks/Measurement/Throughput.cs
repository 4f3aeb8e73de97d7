using Durable.Benchmarks.Engines;
using Durable.Benchmarks.Workloads;

namespace Durable.Benchmarks.Measurement;

/// <summary>Orchestrations per second: all instances started at once, timed from the first start to the last completion.</summary>
internal static class Throughput
{
    public static async Task<double> MeasureAsync(IEngineTarget engine, Workload workload, int count, string label)
    {
        var ids = Enumerable.Range(0, count).Select(i => $"{engine.Name}-{label}-{i}").ToList();
        var done = 0;
        using var progressStop = new CancellationTokenSource();
        var progress = ReportProgressAsync(() => $"  {engine.Name} {label}: {Volatile.Read(ref done)}/{count} completed", progressStop.Token);
        TimeSpan last;
        try
        {
            var cpu = ProcessorTime.Now(engine);
            var clock = new RunClock();
            await Task.WhenAll(ids.Select((id, i) => engine.StartAsync(workload, id, i)));
            var started = clock.Elapsed;
            last = await engine.WaitForCompletionAsync(ids, clock, n => Interlocked.Add(ref done, n));
            var used = ProcessorTime.Now(engine) - cpu;
            Console.WriteLine($"  {engine.Name} {label}: {count} started in {started.TotalSeconds:F2} s, last completed at {last.TotalSeconds:F2} s; {used.Describe(clock.Elapsed)}");
        }
        finally
        {
            await progressStop.CancelAsync();
            await progress;
        }

        var rate = count / last.TotalSeconds;
        Console.WriteLine($"  {engine.Name} {label}: {count} orchestrations = {rate:F1}/s");
        return rate;
    }

    /// <summary>Prints a line every two seconds so a person sees the run is alive.</summary>
    public static async Task ReportProgressAsync(Func<string> line, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(2), stop);
                Console.WriteLine(line());
            }
        }
        catch (OperationCanceledException)
        {
            // the measured work is over
        }
    }
}
