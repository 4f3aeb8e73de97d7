using System.Globalization;
using Durable.Benchmarks;
using Durable.Benchmarks.Engines;
using Durable.Benchmarks.Engines.AzureStorage;
using Durable.Benchmarks.Engines.Ours;
using Durable.Benchmarks.Engines.TestHost;
using Durable.Benchmarks.Measurement;

// Three engines side by side, same workloads, one run on one machine:
//   dotnet run -c Release --project tests/Durable.Benchmarks [-- --count N] [--only ours|azurestorage|testhost]
// Idle cost on ours (memory with N instances waiting for an event):
//   dotnet run -c Release --project tests/Durable.Benchmarks -- --idle 100000
// The last line is the summary: "engine: sequence5=… fanout10=… event_p99_ms=… raw_commit=… ratio=… azurestorage_sequence5=… testhost_sequence5=…".
var options = BenchmarkOptions.Parse(args);
var directory = Directory.CreateTempSubdirectory("durable-bench-").FullName;
try
{
    if (options.Idle is { } idle)
    {
        await IdleCost.RunAsync(directory, idle);
        return;
    }

    using var loggerFactory = BenchmarkLogging.CreateFactory();
    Console.WriteLine($"durable engine benchmark: {Environment.ProcessorCount} processors, temp files in {directory}");
    double? rawCommit = null;
    EngineFigures? ours = null, azureStorage = null, testHost = null;
    if (options.Runs(BenchmarkOptions.Ours))
    {
        rawCommit = RawCommit.Measure(directory, 3000);
        Console.WriteLine($"raw_commit: {rawCommit:F0} single-row SQLite commits/s (WAL, synchronous=FULL) in {directory}");
        ours = await MeasureAsync(BenchmarkOptions.Ours, () => OursEngine.StartAsync(Path.Combine(directory, "durable.db")));
    }

    if (options.Runs(BenchmarkOptions.AzureStorage))
    {
        azureStorage = await MeasureAsync(BenchmarkOptions.AzureStorage, () => AzureStorageEngine.StartAsync(loggerFactory));
    }

    if (options.Runs(BenchmarkOptions.TestHost))
    {
        testHost = await MeasureAsync(BenchmarkOptions.TestHost, () => TestHostEngine.StartAsync(loggerFactory));
    }

    var ratio = CommitRatio.Of(ours, rawCommit);
    Console.WriteLine(CommitRatio.Explanation);
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"engine: sequence5={F0(ours?.Sequence5)} fanout10={F0(ours?.FanOut10)} event_p99_ms={F1(ours?.EventP99Ms)} raw_commit={F0(rawCommit)} ratio={F2(ratio)} azurestorage_sequence5={F1(azureStorage?.Sequence5)} testhost_sequence5={F1(testHost?.Sequence5)}"));
}
finally
{
    Directory.Delete(directory, recursive: true);
}

Task<EngineFigures?> MeasureAsync(string engine, Func<Task<IEngineTarget>> start) =>
    EngineRun.MeasureAsync(engine, start, options.CountFor(engine), options.EventsFor(engine));

// "na": the engine was left out with --only, or failed.
static string F0(double? value) => value?.ToString("F0", CultureInfo.InvariantCulture) ?? "na";
static string F1(double? value) => value?.ToString("F1", CultureInfo.InvariantCulture) ?? "na";
static string F2(double? value) => value?.ToString("F2", CultureInfo.InvariantCulture) ?? "na";
