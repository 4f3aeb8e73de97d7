using System.Diagnostics;
using System.Globalization;
using Dashboard.Demo;
using Dashboard.Storage;
using Microsoft.Data.Sqlite;
using Platform.Outcomes;
using Platform.Storage;

namespace Dashboard.Benchmarks;

internal static class DashboardBenchmark
{
    private static readonly DemoOptions Data = new(0, Seed: 1, Start: new DateOnly(2024, 1, 1), Days: 730, ImprovementDate: new DateOnly(2025, 1, 1));
    private const string Period = "from=2024-01-01&to=2025-12-30";

    // A steering group clicking around: other municipalities, care types, needs, wards and periods.
    private static readonly string[] FilterChanges =
    [
        "municipality=1480", "municipality=0980", "careType=Psychiatric", "needs=PalliativeCare",
        "municipality=1490&careType=Somatic", "needs=HomeCare&needs=HomeHealthCare", "ward=SE2321000131-E000000001001",
        "from=2025-01-01&to=2025-06-30", "from=2024-03-01&to=2024-03-31&municipality=1488", "municipality=0181&needs=Rehabilitation",
        "careType=Psychiatric&compareDate=2025-01-01", "municipality=1286", "from=2025-06-01&to=2025-12-30", "municipality=1485&careType=Psychiatric",
        "needs=AssistiveDevices", "municipality=1496", "compareDate=2024-09-01", "municipality=1401&needs=PalliativeCare",
        "from=2024-01-01&to=2024-12-31", "municipality=0128",
    ];

    public static async Task<int> RunAsync(int count)
    {
        var folder = Path.Combine(Path.GetTempPath(), "dashboard-bench-" + Guid.NewGuid().ToString("N"));
        var path = Path.Combine(folder, "statistics.db");
        try
        {
            await FillAsync(path, count);
            await using var fast = await BenchmarkHost.StartAsync(path, naive: false);
            var load = await TimeAsync(fast.Client, $"/dashboard?{Period}");
            Console.WriteLine($"first request (loads the snapshot from SQLite): {load:0} ms");

            var page = new List<double>();
            for (var i = 0; i < 15; i++)
            {
                page.Add(await TimeAsync(fast.Client, $"/dashboard?{Period}&compareDate=2025-01-01"));
            }
            var filter = new List<double>();
            foreach (var change in FilterChanges)
            {
                var query = change.Contains("from=", StringComparison.Ordinal) ? change : $"{Period}&{change}";
                filter.Add(await TimeAsync(fast.Client, $"/dashboard?{query}"));
            }
            Console.WriteLine($"page ms: {string.Join(' ', page.Select(Ms))}");
            Console.WriteLine($"filter ms: {string.Join(' ', filter.Select(Ms))}");

            await using var naive = await BenchmarkHost.StartAsync(path, naive: true);
            var naivePage = new List<double>();
            for (var i = 0; i < 3; i++)
            {
                naivePage.Add(await TimeAsync(naive.Client, $"/dashboard?{Period}&compareDate=2025-01-01"));
            }
            Console.WriteLine($"naive page ms: {string.Join(' ', naivePage.Select(Ms))}");
            Console.WriteLine($"dashboard: transitions={count} page_ms={Ms(Median(page))} filter_ms={Ms(Median(filter))} naive_page_ms={Ms(Median(naivePage))}");
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task FillAsync(string path, int count)
    {
        var database = new StatisticsDatabase(StoreLocation.SqliteFile(path));
        await database.MigrateAsync(CancellationToken.None);
        var recorder = new OutcomeRecorder(database);
        var clock = Stopwatch.StartNew();
        var batch = new List<TransitionOutcome>(10_000);
        var done = 0;
        foreach (var outcome in new DemoOutcomeGenerator(Data with { Count = count }).Generate())
        {
            batch.Add(outcome);
            if (batch.Count == batch.Capacity)
            {
                await recorder.RecordManyAsync(batch);
                done += batch.Count;
                batch.Clear();
                if (done % 100_000 == 0)
                {
                    Console.WriteLine($"stored {done:N0} outcomes ({clock.Elapsed.TotalSeconds:0} s)");
                }
            }
        }
        await recorder.RecordManyAsync(batch);
        Console.WriteLine($"stored {count:N0} outcomes in {clock.Elapsed.TotalSeconds:0} s");
    }

    private static async Task<double> TimeAsync(HttpClient client, string url)
    {
        var clock = Stopwatch.StartNew();
        using var response = await client.GetAsync(url);
        await response.Content.ReadAsByteArrayAsync();
        response.EnsureSuccessStatusCode();
        return clock.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[(sorted.Count - 1) / 2];
    }

    private static string Ms(double value) => value.ToString("0", CultureInfo.InvariantCulture);
}
