using Durable.Backend.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using P = Microsoft.DurableTask.Protobuf;

namespace Durable.Backend.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode with synchronous=FULL. Writes go through one
/// <see cref="GroupCommitWriter"/> (concurrent steps share one fsync); reads use pooled connections,
/// which WAL lets run beside the writer. Each concern is its own class, as in the PostgreSQL store; this
/// one opens the file and hands each call to the class that owns it.
/// </summary>
internal sealed class SqliteBackendStore : BackendStore
{
    private readonly GroupCommitWriter writer;
    private readonly FileStream storeLock;
    private readonly SqliteLeases leases;

    private SqliteBackendStore(GroupCommitWriter writer, FileStream storeLock, WorkSignals signals, StoreParts parts, SqliteLeases leases)
        : base(signals, parts)
    {
        this.writer = writer;
        this.storeLock = storeLock;
        this.leases = leases;
    }

    // SQLite is in process and commits in groups: a step costs no round trip worth saving, so it keeps no leases across steps.
    private static SqliteBackendStore Create(string connectionString, TimeProvider clock, FileStream storeLock)
    {
        var writer = new GroupCommitWriter(connectionString);
        var signals = new WorkSignals();
        var database = new SqliteDatabase(connectionString, writer, signals);
        var leases = new SqliteLeases(database, clock);
        var parts = new StoreParts(
            new SqliteInstances(database, clock), new SqliteQueries(database, clock), new SqliteOrchestrations(database, clock),
            new SqliteCommit(database, clock), new SqliteActivities(database, clock), leases);
        return new SqliteBackendStore(writer, storeLock, signals, parts, leases);
    }

    /// <summary>Opens (creating or migrating) the store file.</summary>
    /// <exception cref="IncompatibleStoreException">The file was written by the engine from before the move to the Durable Task SDK, or is in use by another backend process.</exception>
    /// <exception cref="Platform.Storage.Migrations.SchemaTooNewException">The file has a newer backend's schema.</exception>
    public static SqliteBackendStore Open(DurableBackendOptions options, TimeProvider clock, ILoggerFactory loggers)
    {
        var fullPath = Path.GetFullPath(options.DatabasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        var builder = new SqliteConnectionStringBuilder { DataSource = fullPath, Pooling = true, DefaultTimeout = 30 };
        var storeLock = StoreLock.Acquire(fullPath);
        try
        {
            using var connection = new SqliteConnection(builder.ToString());
            connection.Open();
            SqliteBackendSchema.ConfigureConnection(connection, writer: true);
            SqliteBackendSchema.Migrate(connection, fullPath);
        }
        catch
        {
            // A refused file is left to whoever fixes it, not locked until this process ends.
            storeLock.Dispose();
            throw;
        }

        var store = Create(builder.ToString(), clock, storeLock);
        var released = store.ReleaseAllLeasesAsync().GetAwaiter().GetResult();
        loggers.CreateLogger<SqliteBackendStore>().LogInformation(
            "Durable store {Path} opened at schema version {Version}; {Released} leases of a previous process handed back", fullPath, SqliteBackendSchema.LatestVersion, released);
        return store;
    }

    /// <summary>Logical transactions and physical commits so far (the benchmark reports group commit at work).</summary>
    public (long Logical, long Physical) CommitCounts => (this.writer.LogicalWrites, this.writer.PhysicalCommits);

    public override ValueTask DisposeAsync()
    {
        this.writer.Dispose();
        SqliteConnection.ClearAllPools();
        this.storeLock.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// At start, every lease in the file belongs to a backend process that is gone: this process holds the
    /// store's exclusive lock (see <see cref="StoreLock"/>), so none can be alive. Handed back at once rather
    /// than when they expire, whatever the process ids (in containers every process is PID 1).
    /// </summary>
    public Task<int> ReleaseAllLeasesAsync() => this.leases.ReleaseAllAsync();
}
