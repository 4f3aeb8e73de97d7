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
internal sealed class PostgresBackendStore : IBackendStore
{
    private readonly NpgsqlDataSource dataSource;
    private readonly NpgsqlDataSource leaseSource;
    private readonly PostgresListener listener;
    private readonly PostgresNotifier notifier;
    private readonly PostgresInstances instances;
    private readonly PostgresQueries queries;
    private readonly PostgresOrchestrations orchestrations;
    private readonly PostgresCommit commits;
    private readonly PostgresActivities activities;
    private readonly PostgresLeases leases;
    private int disposed;

    private PostgresBackendStore(NpgsqlDataSource dataSource, NpgsqlDataSource leaseSource, NpgsqlDataSource listenerSource, TimeProvider clock, ILogger logger)
    {
        this.dataSource = dataSource;
        this.leaseSource = leaseSource;
        this.notifier = new PostgresNotifier(leaseSource, logger);
        var database = new PostgresDatabase(dataSource, leaseSource, this.Signals, this.notifier);
        this.listener = new PostgresListener(listenerSource, this.Signals, () => this.notifier.ProcessId, logger);
        this.instances = new PostgresInstances(database, clock);
        this.queries = new PostgresQueries(database, clock);
        this.orchestrations = new PostgresOrchestrations(database, clock);
        this.commits = new PostgresCommit(database, clock);
        this.activities = new PostgresActivities(database, clock);
        this.leases = new PostgresLeases(database, clock);
    }

    /// <summary>Connects, creates or migrates the schema, and starts listening for other backends' work.</summary>
    /// <exception cref="StoreUnavailableException">No connection string, or the database cannot be reached.</exception>
    /// <exception cref="Platform.Storage.Migrations.SchemaTooNewException">The database has a newer backend's schema.</exception>
    public static PostgresBackendStore Open(DurableBackendOptions options, TimeProvider clock, ILoggerFactory loggers)
    {
        var settings = PostgresConnectionSettings.From(options.PostgresConnectionString);
        var logger = loggers.CreateLogger<PostgresBackendStore>();
        var store = new PostgresBackendStore(
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

    public WorkSignals Signals { get; } = new();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref this.disposed, 1) == 0)
        {
            await this.listener.DisposeAsync();
            await this.notifier.DisposeAsync();
            await this.leaseSource.DisposeAsync();
            await this.dataSource.DisposeAsync();
        }
    }

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

    public bool KeepsLeases => true;

    public Task<CommitAndKeepLeaseResult?> CommitAndKeepLeaseAsync(OrchestrationWorkItem item, OrchestrationCheckpoint checkpoint, DateTime leaseUntil, CancellationToken cancellationToken) =>
        this.commits.CommitAndKeepAsync(item, checkpoint, leaseUntil, cancellationToken);

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
