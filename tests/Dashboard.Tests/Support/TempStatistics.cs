using Dashboard.Statistics;
using Dashboard.Storage;
using Microsoft.Data.Sqlite;
using Platform.Outcomes;
using Platform.Storage;
using Testing.Postgres;

namespace Dashboard.Tests.Support;

/// <summary>
/// A real statistics store of its own — a SQLite file in a temp folder, or a fresh PostgreSQL database — migrated as a
/// host's start would, with the recorder and both query implementations.
/// </summary>
internal sealed class TempStatistics : IDisposable, IAsyncDisposable
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dashboard-tests-" + Guid.NewGuid().ToString("N"));
    private readonly TestDatabase? _database;

    /// <summary>A SQLite store; <paramref name="migrate"/> false leaves it empty, as before any release started on it.</summary>
    public TempStatistics(StatisticsOptions? options = null, bool migrate = true)
        : this(options, null)
    {
        if (migrate)
        {
            // Synchronous underneath on SQLite.
            Database.MigrateAsync(CancellationToken.None).GetAwaiter().GetResult();
        }
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

    /// <summary>A store on <paramref name="provider"/>: <see cref="Sqlite"/> or <see cref="Postgres"/>; <paramref name="migrate"/> false leaves it empty.</summary>
    public static async Task<TempStatistics> CreateAsync(string provider, StatisticsOptions? options = null, bool migrate = true)
    {
        var store = provider switch
        {
            Sqlite => new TempStatistics(options, migrate: false),
            Postgres => new TempStatistics(options, await (await PostgresCluster.SharedAsync()).CreateDatabaseAsync()),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Sqlite or Postgres"),
        };
        if (migrate)
        {
            await store.Database.MigrateAsync(CancellationToken.None);
        }

        return store;
    }

    /// <summary>The PostgreSQL database's connection string (Postgres only).</summary>
    public string? PostgresConnectionString => _database?.ConnectionString;

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
