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
internal sealed class SqliteBackendStore : IBackendStore
{
    private readonly GroupCommitWriter writer;
    private readonly FileStream storeLock;
    private readonly SqliteInstances instances;
    private readonly SqliteQueries queries;
    private readonly SqliteOrchestrations orchestrations;
    private readonly SqliteCommit commits;
    private readonly SqliteActivities activities;
    private readonly SqliteLeases leases;

    private SqliteBackendStore(string connectionString, TimeProvider clock, FileStream storeLock)
    {
        this.storeLock = storeLock;
        this.writer = new GroupCommitWriter(connectionString);
        var database = new SqliteDatabase(connectionString, this.writer, this.Signals);
        this.instances = new SqliteInstances(database, clock);
        this.queries = new SqliteQueries(database, clock);
        this.orchestrations = new SqliteOrchestrations(database, clock);
        this.commits = new SqliteCommit(database, clock);
        this.activities = new SqliteActivities(database, clock);
        this.leases = new SqliteLeases(database, clock);
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

        var store = new SqliteBackendStore(builder.ToString(), clock, storeLock);
        var released = store.ReleaseAllLeasesAsync().GetAwaiter().GetResult();
        loggers.CreateLogger<SqliteBackendStore>().LogInformation(
            "Durable store {Path} opened at schema version {Version}; {Released} leases of a previous process handed back", fullPath, SqliteBackendSchema.LatestVersion, released);
        return store;
    }

    public WorkSignals Signals { get; } = new();

    /// <summary>Logical transactions and physical commits so far (the benchmark reports group commit at work).</summary>
    public (long Logical, long Physical) CommitCounts => (this.writer.LogicalWrites, this.writer.PhysicalCommits);

    public ValueTask DisposeAsync()
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

    public Task<CreateResult> CreateInstanceAsync(NewInstance instance, IReadOnlyCollection<InstanceStatus>? replaceable, CancellationToken cancellationToken) =>
        this.instances.CreateAsync(instance, replaceable, cancellationToken);

    public Task SendMessageAsync(string instanceId, P.HistoryEvent message, CancellationToken cancellationToken) =>
        this.instances.SendMessageAsync(instanceId, message, cancellationToken);

    public Task<int> PurgeAsync(string? instanceId, InstanceFilter? filter, CancellationToken cancellationToken) =>
        this.instances.PurgeAsync(instanceId, filter, cancellationToken);

    public Task<InstanceRow?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken) =>
        this.queries.GetInstanceAsync(instanceId, cancellationToken);

    public Task<IReadOnlyList<P.HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken) =>
        this.queries.GetHistoryAsync(instanceId, cancellationToken);

    public Task<InstancePage> QueryInstancesAsync(InstanceFilter filter, int pageSize, string? continuationToken, CancellationToken cancellationToken) =>
        this.queries.QueryAsync(filter, pageSize, continuationToken, cancellationToken);

    public Task<IReadOnlyList<PoisonMessage>> GetPoisonMessagesAsync(string? instanceId, CancellationToken cancellationToken) =>
        this.queries.GetPoisonMessagesAsync(instanceId, cancellationToken);

    public Task<(long Orchestrations, long Activities)> GetBacklogAsync(CancellationToken cancellationToken) =>
        this.queries.GetBacklogAsync(cancellationToken);

    public Task<IReadOnlyList<OrchestrationWorkItem>> LockOrchestrationsAsync(string owner, int max, TimeSpan lease, CancellationToken cancellationToken) =>
        this.orchestrations.LockAsync(owner, max, lease, cancellationToken);

    public Task<bool> CommitOrchestrationAsync(OrchestrationWorkItem item, OrchestrationCheckpoint checkpoint, CancellationToken cancellationToken) =>
        this.commits.CommitAsync(item, checkpoint, cancellationToken);

    /// <summary>SQLite is in process and commits in groups: a step costs no round trip worth saving.</summary>
    public bool KeepsLeases => false;

    public Task<CommitAndKeepLeaseResult?> CommitAndKeepLeaseAsync(OrchestrationWorkItem item, OrchestrationCheckpoint checkpoint, DateTime leaseUntil, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The SQLite store releases every lease at its step's commit (KeepsLeases is false).");

    public Task<bool> AbandonOrchestrationAsync(OrchestrationWorkItem item, string reason, TimeSpan retryAfter, CancellationToken cancellationToken) =>
        this.orchestrations.AbandonAsync(item, reason, retryAfter, cancellationToken);

    public Task<DateTime?> GetNextWakeUpAsync(CancellationToken cancellationToken) =>
        this.orchestrations.GetNextWakeUpAsync(cancellationToken);

    public Task<IReadOnlyList<ActivityWorkItem>> LockActivitiesAsync(string owner, int max, TimeSpan lease, CancellationToken cancellationToken) =>
        this.activities.LockAsync(owner, max, lease, cancellationToken);

    public Task<bool> CompleteActivityAsync(ActivityWorkItem item, P.HistoryEvent result, PoisonMessage? setAside, CancellationToken cancellationToken) =>
        this.activities.CompleteAsync(item, result, setAside, cancellationToken);

    public Task<bool> AbandonActivityAsync(ActivityWorkItem item, string reason, TimeSpan retryAfter, CancellationToken cancellationToken) =>
        this.activities.AbandonAsync(item, reason, retryAfter, cancellationToken);

    public Task RenewLeasesAsync(IReadOnlyCollection<HeldLease> leases, TimeSpan lease, CancellationToken cancellationToken) =>
        this.leases.RenewAsync(leases, lease, cancellationToken);

    public Task<int> ReleaseLeasesAsync(IReadOnlyCollection<HeldLease> leases, CancellationToken cancellationToken) =>
        this.leases.ReleaseAsync(leases, cancellationToken);
}
