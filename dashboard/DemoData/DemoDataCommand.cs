using System.Diagnostics;
using System.Globalization;
using Dashboard.Demo;
using Dashboard.Storage;
using Platform.Outcomes;
using Platform.Storage;

namespace Dashboard.DemoData;

/// <summary>Parses the arguments, generates outcomes and records them in batches with a progress bar.</summary>
internal static class DemoDataCommand
{
    private const string Usage = """
        Fills the dashboard's statistics store with synthetic care-transition outcomes.

        Usage: dotnet run --project dashboard/DemoData -- [options]
          --count <n>                   outcomes to generate (default 100000)
          --db <path>                   SQLite file (default data/statistics.db, as the service's Statistics:DatabasePath)
          --seed <n>                    random seed; the same seed gives the same data (default 20171122)
          --improvement-date <date>     yyyy-MM-dd when the new way of working starts (default one year ago)
          --days <n>                    days the outcomes span, ending today (default 730)
        """;

    private const int BatchSize = 5_000;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "--help" or "-h")
            {
                await output.WriteLineAsync(Usage);
                return 0;
            }
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                await error.WriteLineAsync($"Unexpected argument '{args[i]}'.\n\n{Usage}");
                return 2;
            }
            values[args[i][2..]] = args[++i];
        }

        var today = DateOnly.FromDateTime(DateTime.Today);
        DemoOptions options;
        string db;
        try
        {
            var days = Int(values, "days", 730);
            var defaults = DemoOptions.Default(today, Int(values, "count", 100_000), Int(values, "seed", 20171122));
            var improvement = values.TryGetValue("improvement-date", out var d)
                ? DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture)
                : today.AddDays(-days / 2);
            options = defaults with { Start = today.AddDays(-days + 1), Days = days, ImprovementDate = improvement };
            db = values.GetValueOrDefault("db", "data/statistics.db");
            var unknown = values.Keys.Except(["count", "db", "seed", "improvement-date", "days"]).ToList();
            if (unknown.Count > 0 || options.Count <= 0 || days <= 0)
            {
                throw new FormatException(unknown.Count > 0 ? $"Unknown option --{unknown[0]}." : "--count and --days must be positive.");
            }
        }
        catch (FormatException e)
        {
            await error.WriteLineAsync($"{e.Message}\n\n{Usage}");
            return 2;
        }

        var database = new StatisticsDatabase(StoreLocation.SqliteFile(db));
        await database.MigrateAsync(CancellationToken.None);
        var recorder = new OutcomeRecorder(database);
        await output.WriteLineAsync($"Generating {options.Count:N0} outcomes {options.Start:yyyy-MM-dd} – {options.Start.AddDays(options.Days - 1):yyyy-MM-dd}, improving from {options.ImprovementDate:yyyy-MM-dd}, into {database.Path}");
        var clock = Stopwatch.StartNew();
        var batch = new List<TransitionOutcome>(BatchSize);
        var done = 0;
        foreach (var outcome in new DemoOutcomeGenerator(options).Generate())
        {
            batch.Add(outcome);
            if (batch.Count == BatchSize)
            {
                await recorder.RecordManyAsync(batch);
                done += batch.Count;
                batch.Clear();
                await ProgressBar.WriteAsync(output, done, options.Count, clock.Elapsed);
            }
        }
        if (batch.Count > 0)
        {
            await recorder.RecordManyAsync(batch);
            done += batch.Count;
            await ProgressBar.WriteAsync(output, done, options.Count, clock.Elapsed);
        }
        await output.WriteLineAsync();
        await output.WriteLineAsync($"Done: {done:N0} outcomes in {clock.Elapsed.TotalSeconds:0.0} s. Open {options.DashboardPath()} to see the change.");
        return 0;
    }

    private static int Int(Dictionary<string, string> values, string name, int fallback) =>
        values.TryGetValue(name, out var text)
            ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new FormatException($"--{name} must be a whole number, not '{text}'.")
            : fallback;
}
