using Dashboard.Outcomes;
using Dashboard.Statistics;
using Dashboard.Storage;
using Microsoft.Data.Sqlite;

namespace Dashboard.Tests.Support;

/// <summary>A real SQLite statistics file in a temp folder, with the recorder and both query implementations.</summary>
internal sealed class TempStatistics : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dashboard-tests-" + Guid.NewGuid().ToString("N"));

    public TempStatistics(StatisticsOptions? options = null)
    {
        Options = options ?? new StatisticsOptions();
        Options = new StatisticsOptions
        {
            DatabasePath = Path.Combine(_folder, "statistics.db"),
            DailyAmounts = Options.DailyAmounts,
        };
        Database = new StatisticsDatabase(Options);
        Recorder = new SqliteOutcomeRecorder(Database);
        Snapshot = new SnapshotStatisticsQuery(new FactSnapshot(Database), Options);
        Naive = new NaiveStatisticsQuery(Database, Options);
    }

    public StatisticsOptions Options { get; }
    public StatisticsDatabase Database { get; }
    public SqliteOutcomeRecorder Recorder { get; }
    public SnapshotStatisticsQuery Snapshot { get; }
    public NaiveStatisticsQuery Naive { get; }
    public string DatabasePath => Options.DatabasePath;

    public async Task RecordAsync(params TransitionOutcome[] outcomes)
    {
        foreach (var outcome in outcomes)
        {
            await Recorder.RecordAsync(outcome);
        }
    }

    /// <summary>Computes with the snapshot and checks the naive reference agrees, so every hand-computed case tests both.</summary>
    public StatisticsReport Compute(StatisticsFilter filter)
    {
        var fast = Snapshot.Compute(filter);
        var naive = Naive.Compute(filter);
        Assert.Equal(ReportJson.Of(naive), ReportJson.Of(fast));
        return fast;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless; failing the test over it would hide the real result.
        }
    }
}
