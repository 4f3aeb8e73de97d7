using Durable.Backend.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using P = Microsoft.DurableTask.Protobuf;

namespace Durable.Backend.Storage.Postgres;

/// <summary>
/// The store on PostgreSQL, with the SQLite store's semantics, shared by any number of backend processes: work is
/// leased with FOR UPDATE SKIP LOCKED and lease expiry, each step commits under a row lock on its lease, and
/// commits NOTIFY the other processes, whose listeners raise their <see cref="WorkSignals"/>. Each concern is its
/// own class; this one opens the database and hands each call to the class that owns it.
/// </summary>
internal sealed class PostgresBackendStore : BackendStore
{
    private readonly NpgsqlDataSource dataSource;
    private readonly NpgsqlDataSource leaseSource;
    private readonly PostgresListener listener;
    private readonly PostgresNotifier notifier;
    private readonly PostgresCommit commits;
    private int disposed;

    private PostgresBackendStore(
        NpgsqlDataSource dataSource, NpgsqlDataSource leaseSource, PostgresListener listener, PostgresNotifier notifier, WorkSignals signals, StoreParts parts, PostgresCommit commits)
        : base(signals, parts)
    {
        this.dataSource = dataSource;
        this.leaseSource = leaseSource;
        this.listener = listener;
        this.notifier = notifier;
        this.commits = commits;
    }

    private static PostgresBackendStore Create(NpgsqlDataSource dataSource, NpgsqlDataSource leaseSource, NpgsqlDataSource listenerSource, TimeProvider clock, ILogger logger)
    {
        var signals = new WorkSignals();
        var notifier = new PostgresNotifier(leaseSource, logger);
        var database = new PostgresDatabase(dataSource, leaseSource, signals, notifier);
        var listener = new PostgresListener(listenerSource, signals, () => notifier.ProcessId, logger);
        var commits = new PostgresCommit(database, clock);
        var parts = new StoreParts(
            new PostgresInstances(database, clock), new PostgresQueries(database, clock), new PostgresOrchestrations(database, clock),
            commits, new PostgresActivities(database, clock), new PostgresLeases(database, clock));
        return new PostgresBackendStore(dataSource, leaseSource, listener, notifier, signals, parts, commits);
    }

    /// <summary>Connects, creates or migrates the schema, and starts listening for other backends' work.</summary>
    /// <exception cref="StoreUnavailableException">No connection string, or the database cannot be reached.</exception>
    /// <exception cref="Platform.Storage.Migrations.SchemaTooNewException">The database has a newer backend's schema.</exception>
    public static PostgresBackendStore Open(DurableBackendOptions options, TimeProvider clock, ILoggerFactory loggers)
    {
        var settings = PostgresConnectionSettings.From(options.PostgresConnectionString);
        var logger = loggers.CreateLogger<PostgresBackendStore>();
        var store = Create(
            NpgsqlDataSource.Create(settings.Pooled), NpgsqlDataSource.Create(settings.Leases), NpgsqlDataSource.Create(settings.Listener), clock, logger);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            PostgresSchema.MigrateAsync(store.dataSource, timeout.Token).GetAwaiter().GetResult();
            store.listener.StartAsync().GetAwaiter().GetResult();
        }
        catch (Exception e)
        {
            store.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw e is NpgsqlException or TimeoutException or OperationCanceledException ? settings.Unreachable(e) : e;
        }

        logger.PostgresStoreOpened(settings.Description, PostgresSchema.LatestVersion);
        return store;
    }

    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref this.disposed, 1) == 0)
        {
            await this.listener.DisposeAsync();
            await this.notifier.DisposeAsync();
            await this.leaseSource.DisposeAsync();
            await this.dataSource.DisposeAsync();
        }
    }

    /// <summary>A step's commit and the next lease in one round trip: the database is a network hop away.</summary>
    public override bool KeepsLeases => true;

    public override Task<CommitAndKeepLeaseResult?> CommitAndKeepLeaseAsync(OrchestrationWorkItem item, OrchestrationCheckpoint checkpoint, DateTime leaseUntil, CancellationToken cancellationToken) =>
        this.commits.CommitAndKeepAsync(item, checkpoint, leaseUntil, cancellationToken);
}
