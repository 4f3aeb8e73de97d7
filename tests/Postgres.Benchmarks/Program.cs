using System.Diagnostics;
using System.Globalization;
using CareTransitions.Load;
using Durable.Benchmarks.Engines;
using Durable.Benchmarks.Measurement;
using Durable.Benchmarks.Workloads;
using Npgsql;
using Postgres.Benchmarks;
using Testing.Postgres;

// Our backend on PostgreSQL, and intake on two service instances sharing one database, on this machine:
//   dotnet run -c Release --project tests/Postgres.Benchmarks [-- --count N] [--rounds N] [--events N] [--intake-count N] [--intake-seconds S] [--concurrency C]
// On a PostgreSQL 15 cluster of its own with PostgreSQL's durable settings (fsync, synchronous_commit and
// full_page_writes on; the tests' cluster turns them off), started in a temporary folder and removed afterwards.
// The workloads and their measurement are the engine benchmark's (tests/Durable.Benchmarks), the intake load is
// tests/CareTransitions.Load. The last line is the summary:
//   "postgres: sequence5=… sequence5_3p=… event_p99_ms=… raw_commit=… intake_rps_2i=… intake_p99_ms=…" ("na": that part failed, exit code 1).
var options = PostgresBenchmarkOptions.Parse(args);
if (options.Worker is { } workerDatabase)
{
    await WorkerProcess.RunAsync(workerDatabase);
    return 0;
}

Console.WriteLine($"postgres benchmark: {Environment.ProcessorCount} processors; {options.Count} HelloSequence5 per measurement, {options.Rounds} rounds each, {options.Events} events, "
    + $"intake {options.IntakeCount} messages within {options.IntakeSeconds} s at {options.Concurrency} in flight");
await using var cluster = await PostgresCluster.StartOwnAsync(durable: true);
Console.WriteLine("PostgreSQL 15: a cluster of the benchmark's own, fsync, synchronous_commit and full_page_writes on (PostgreSQL's defaults)");

var rawCommit = await MeasureAsync("raw_commit", async database =>
{
    var rate = await PostgresRawCommit.MeasureAsync(database, 3000, TimeSpan.FromSeconds(10));
    Console.WriteLine($"raw_commit: {rate:F0} single-row INSERT commits/s, one connection, synchronous_commit on");
    return rate;
});

// One process and three, measured in turns on databases of their own (1p, 3p, 1p, 3p, …), each figure the median of its
// rounds. IMPORTANT: not one after the other. On this shared machine the processor time a process gets moves by a fifth
// within minutes (steal time, the disk), and two measurements minutes apart compared the machine's moments more than
// one process with three.
double? sequence5 = null, sequence5ThreeProcesses = null, eventP99 = null;
try
{
    await using var oneDatabase = await cluster.Cluster.CreateDatabaseAsync();
    await using var threeDatabase = await cluster.Cluster.CreateDatabaseAsync();
    // The backend's own pool sizes (PostgresConnectionSettings.DefaultMaxPoolSize), as a service instance gets them.
    var (one, three) = (oneDatabase.ConnectionString, threeDatabase.ConnectionString);
    await using var oneProcess = await PostgresEngines.StartOneProcessAsync(one, Where(one));
    await WarmUpAsync(oneProcess);
    await using (var threeProcesses = await PostgresEngines.StartProcessesAsync(three, Where(three), processes: 3))
    {
        await WarmUpAsync(threeProcesses);
        var (oneRounds, threeRounds) = (new List<double>(), new List<double>());
        for (var round = 1; round <= options.Rounds; round++)
        {
            oneRounds.Add(await SequenceAsync(oneProcess, one, round));
            threeRounds.Add(await SequenceAsync(threeProcesses, three, round));
        }

        sequence5 = Median(oneProcess, oneRounds);
        sequence5ThreeProcesses = Median(threeProcesses, threeRounds);
    }

    // On the one process, the three stopped.
    var latencies = await EventLatency.MeasureAsync(oneProcess, options.Events);
    eventP99 = Percentile.Of(latencies, 0.99);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {oneProcess.Name} events: event_p50_ms={Percentile.Of(latencies, 0.50):F1} event_p99_ms={eventP99:F1} ({latencies.Count} events)"));
}
catch (Exception error)
{
    Failed("sequence5", error);
}

IntakeFigures? intake = null;
await MeasureAsync("intake", async database =>
{
    intake = await IntakeLoad.RunAsync(database, new LoadOptions(options.IntakeCount, options.IntakeSeconds, options.Concurrency, MalformedPercent: 5));
    Console.WriteLine(intake);
    if (!intake.Verified)
    {
        Environment.ExitCode = 1;
    }

    return intake.AcceptedPerSecond;
});

Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"postgres: sequence5={F0(sequence5)} sequence5_3p={F0(sequence5ThreeProcesses)} event_p99_ms={F1(eventP99)} raw_commit={F0(rawCommit)} intake_rps_2i={F1(intake?.AcceptedPerSecond)} intake_p99_ms={F1(intake?.P99Ms)}"));
return Environment.ExitCode;

// Each part on a fresh database of the cluster, dropped afterwards.
async Task<double?> MeasureAsync(string part, Func<string, Task<double>> measure)
{
    try
    {
        await using var database = await cluster.Cluster.CreateDatabaseAsync();
        return await measure(Pooled(database.ConnectionString));
    }
    catch (Exception error)
    {
        Failed(part, error);
        return null;
    }
}

// A part that failed is printed and left out of the summary ("na"), and the exit code says so.
static void Failed(string part, Exception error)
{
    Console.WriteLine($"{part}: FAILED: {error}");
    Environment.ExitCode = 1;
}

// The intake's two services, three stores each, within the server's 300 connections.
static string Pooled(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 40 }.ConnectionString;

// The engine benchmark's rule: warm up on a quarter of the count (JIT, pools), then measure. Here in rounds, each followed
// by the wait until the JIT has settled (JitSettling).
async Task WarmUpAsync(IEngineTarget engine)
{
    Console.WriteLine($"{engine.Name}: {engine.Description}");
    await JitSettling.WarmUpAsync(
        engine.Name,
        round => Throughput.MeasureAsync(engine, Workload.Sequence5, Math.Clamp(options.Count / 4, 5, 500), $"warmup {round} sequence5"),
        () => System.Runtime.JitInfo.GetCompiledMethodCount() + ((engine as WorkerProcessesTarget)?.CompiledMethods ?? 0));
}

// One measured round, and what the database did meanwhile.
async Task<double> SequenceAsync(IEngineTarget engine, string database, int round)
{
    var before = await DatabaseActivity.ReadAsync(database);
    var clock = Stopwatch.StartNew();
    var rate = await Throughput.MeasureAsync(engine, Workload.Sequence5, options.Count, $"sequence5 round {round}");
    var elapsed = clock.Elapsed;
    var (transactions, server) = (await DatabaseActivity.ReadAsync(database)).Since(before);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  {engine.Name} sequence5 round {round}: {(double)transactions / options.Count:F1} database transactions per orchestration (every backend's, lookups for work included); "
        + $"PostgreSQL server {100 * server / elapsed:F0} % of a core"));
    return rate;
}

static double Median(IEngineTarget engine, List<double> rounds)
{
    var median = Percentile.Of(rounds, 0.5);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  {engine.Name} sequence5: median {median:F1}/s of {rounds.Count} rounds ({string.Join(", ", rounds.Select(r => r.ToString("F1", CultureInfo.InvariantCulture)))})"));
    return median;
}

static string Where(string connectionString)
{
    var builder = new NpgsqlConnectionStringBuilder(connectionString);
    return $"{builder.Host}:{builder.Port}/{builder.Database}";
}

static string F0(double? value) => value?.ToString("F0", CultureInfo.InvariantCulture) ?? "na";
static string F1(double? value) => value?.ToString("F1", CultureInfo.InvariantCulture) ?? "na";
