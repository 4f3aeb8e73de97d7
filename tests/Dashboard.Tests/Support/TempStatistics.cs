using Dashboard.Statistics;
using Dashboard.Storage;
using Microsoft.Data.Sqlite;
using Platform.Outcomes;
using Platform.Storage;
using Testing.Postgres;

namespace Dashboard.Tests.Support;

/// <summary>
/// A real statistics store of its own — a SQLite file in a temp folder, or a fresh PostgreSQL database — with the
/// recorder and both query implementations.
/// </summary>
internal sealed class TempStatistics : IDisposable, IAsyncDisposable
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dashboard-tests-" + Guid.NewGuid().ToString("N"));
    private readonly TestDatabase? _database;

    public TempStatistics(StatisticsOptions? options = null)
        : this(options, null)
    {
    }

    private TempStatistics(StatisticsOptions? options, TestDatabase? database)
    {
        _database = database;
        Options = options ?? new StatisticsOptions();
        Store = new StoreLocation(
            database is null ? StorageProvider.Sqlite : StorageProvider.Postgres,
            Path.Combine(_folder, "statistics.db"),
            database?.ConnectionString is { } c ? c + ";Maximum Pool Size=10" : null);
        Database = new StatisticsDatabase(Store);
        Recorder = new OutcomeRecorder(Database);
        Snapshot = new SnapshotStatisticsQuery(new FactSnapshot(Database), Options);
        Naive = new NaiveStatisticsQuery(Database, Options);
    }

    /// <summary>Both providers, for theories.</summary>
    public static TheoryData<string> Providers => [Sqlite, Postgres];

    public StatisticsOptions Options { get; }
    public StoreLocation Store { get; }
    public StatisticsDatabase Database { get; }
    public OutcomeRecorder Recorder { get; }
    public SnapshotStatisticsQuery Snapshot { get; }
    public NaiveStatisticsQuery Naive { get; }
    public string DatabasePath => Store.SqlitePath;

    /// <summary>A store on <paramref name="provider"/>: <see cref="Sqlite"/> or <see cref="Postgres"/>.</summary>
    public static async Task<TempStatistics> CreateAsync(string provider, StatisticsOptions? options = null) => provider switch
    {
        Sqlite => new TempStatistics(options),
        Postgres => new TempStatistics(options, await (await PostgresCluster.SharedAsync()).CreateDatabaseAsync()),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Sqlite or Postgres"),
    };

    /// <summary>Another process's view of the same store: its own connections, its own schema check.</summary>
    public StatisticsDatabase NewDatabase() => new(Store);

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

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        Database.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind (or none made: PostgreSQL) is harmless; failing the test over it would hide the real result.
        }
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
