using System.Diagnostics;
using System.Globalization;
using Durable;
using Durable.Benchmarks;
using Durable.Storage;
using Durable.Storage.Sqlite;
using Durable.Testing;
using Microsoft.Extensions.DependencyInjection;

// Engine benchmark: `dotnet run -c Release --project tests/Durable.Benchmarks [-- N]`;
// idle cost: `dotnet run -c Release --project tests/Durable.Benchmarks -- --idle 100000`.
// Runs on the SQLite store in a file with durable commits (WAL, synchronous=FULL).
var directory = Directory.CreateTempSubdirectory("durable-bench-").FullName;
if (args is ["--idle", var idleCount])
{
    try
    {
        await IdleCost.RunAsync(directory, int.Parse(idleCount, CultureInfo.InvariantCulture));
    }
    finally
    {
        Directory.Delete(directory, recursive: true);
    }

    return;
}

var n = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
try
{
    Console.WriteLine($"durable engine benchmark: {n} orchestrations per workload, database in {directory}");
    var rawCommit = RawCommit.Measure(directory, 3000);
    Console.WriteLine($"  raw single-row commits: {rawCommit:F0}/s");

    await using var host = await DurableTestHost.StartAsync(
        d => d.AddOrchestrator<HelloSequence5>().AddOrchestrator<FanOut10>().AddOrchestrator<PingPong>().AddOrchestrator<TimerLateness>()
              .AddActivity<SayHello>().AddActivity<Square>(),
        databasePath: Path.Combine(directory, "durable.db"));
    var client = host.Client;
    var store = (SqliteOrchestrationStore)host.Services.GetRequiredService<IOrchestrationStore>();

    await Workload.RunAsync(client, "warm-up", nameof(HelloSequence5), 100, i => $"w{i}");

    var before = store.CommitCounts;
    var sequence5 = await Workload.RunAsync(client, "sequence5", nameof(HelloSequence5), n, i => $"p{i}");
    var after = store.CommitCounts;
    var logicalPerOrchestration = (double)(after.Logical - before.Logical) / n;
    var physicalPerOrchestration = (double)(after.Physical - before.Physical) / n;
    Console.WriteLine($"  sequence5: {logicalPerOrchestration:F1} logical transactions per orchestration, {physicalPerOrchestration:F2} physical commits");

    var fanout10 = await Workload.RunAsync(client, "fanout10", nameof(FanOut10), n / 2, i => i);
    var eventLatencies = await Workload.EventRoundTripsAsync(client, instances: 100, pingsEach: 10);
    var p50 = Percentile(eventLatencies, 0.50);
    var p99 = Percentile(eventLatencies, 0.99);
    Console.WriteLine($"  events: {eventLatencies.Count} round trips, p50 {p50:F1} ms, p99 {p99:F1} ms");

    var lateness = await Workload.TimerLatenessAsync(client, 200);
    Console.WriteLine($"  timers: {lateness.Count} durable timers fired p50 {Percentile(lateness, 0.5):F1} ms and p99 {Percentile(lateness, 0.99):F1} ms after their due time");

    var ratio = sequence5 * logicalPerOrchestration / rawCommit;
    Console.WriteLine("  ratio = sequence5 × logical transactions per orchestration (create, leases, steps, activity results) / raw_commit;");
    Console.WriteLine("  above 1 means group commit makes more durable steps per second than one-commit-per-step could.");
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"engine: sequence5={sequence5:F0} fanout10={fanout10:F0} event_p99_ms={p99:F1} raw_commit={rawCommit:F0} ratio={ratio:F2}"));
}
finally
{
    Directory.Delete(directory, recursive: true);
}

static double Percentile(List<double> values, double p)
{
    var sorted = values.Order().ToList();
    return sorted[Math.Clamp((int)Math.Ceiling(sorted.Count * p) - 1, 0, sorted.Count - 1)];
}

internal static class Workload
{
    /// <summary>Starts <paramref name="count"/> one-second timers spread over half a second; returns each one's lateness.</summary>
    public static async Task<List<double>> TimerLatenessAsync(DurableTaskClient client, int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            ids.Add(await client.ScheduleNewOrchestrationInstanceAsync(nameof(TimerLateness), 1000, new StartOrchestrationOptions($"timer-{i}")));
            await Task.Delay(2);
        }

        var lateness = new List<double>();
        foreach (var id in ids)
        {
            lateness.Add((await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true)).ReadOutputAs<double>());
        }

        return lateness;
    }

    /// <summary>Schedules <paramref name="count"/> instances at once and waits for all; returns orchestrations per second.</summary>
    public static async Task<double> RunAsync<T>(DurableTaskClient client, string label, string orchestrator, int count, Func<int, T> input)
    {
        var stopwatch = Stopwatch.StartNew();
        var ids = await Task.WhenAll(Enumerable.Range(0, count).Select(i =>
            client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input(i), new StartOrchestrationOptions($"{label}-{i}"))));
        var done = 0;
        using var progressStop = new CancellationTokenSource();
        var progress = Task.Run(async () =>
        {
            while (!progressStop.IsCancellationRequested)
            {
                await Task.Delay(1000, CancellationToken.None);
                Console.WriteLine($"  {label}: {Volatile.Read(ref done)}/{count} done");
            }
        });
        await Task.WhenAll(ids.Select(async id =>
        {
            var result = await client.WaitForInstanceCompletionAsync(id);
            if (result.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
            {
                throw new InvalidOperationException($"{id} ended {result.RuntimeStatus}: {result.FailureDetails}");
            }

            Interlocked.Increment(ref done);
        }));
        var elapsed = stopwatch.Elapsed;
        progressStop.Cancel();
        var rate = count / elapsed.TotalSeconds;
        Console.WriteLine($"  {label}: {count} orchestrations scheduled and seen completed in {elapsed.TotalSeconds:F2} s = {rate:F0}/s");
        return rate;
    }

    /// <summary>Raises pings one by one, about one per millisecond, and collects each one's raise-to-resume latency.</summary>
    public static async Task<List<double>> EventRoundTripsAsync(DurableTaskClient client, int instances, int pingsEach)
    {
        var ids = await Task.WhenAll(Enumerable.Range(0, instances).Select(i =>
            client.ScheduleNewOrchestrationInstanceAsync(nameof(PingPong), pingsEach, new StartOrchestrationOptions($"ping-{i}"))));
        foreach (var id in ids)
        {
            while ((await client.GetInstanceAsync(id))?.RuntimeStatus != OrchestrationRuntimeStatus.Running)
            {
                await Task.Delay(5);
            }
        }

        for (var round = 0; round < pingsEach; round++)
        {
            foreach (var id in ids)
            {
                await client.RaiseEventAsync(id, "ping", DateTime.UtcNow.Ticks);
                await Task.Delay(1);
            }
        }

        var latencies = new List<double>();
        foreach (var id in ids)
        {
            var result = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true);
            latencies.AddRange(result.ReadOutputAs<List<double>>()!);
        }

        return latencies;
    }
}
