using P = Microsoft.DurableTask.Protobuf;

namespace Durable.Backend.Storage;

/// <summary>
/// What both stores do alike: hand each call to the class that owns its concern (<see cref="StoreParts"/>). A provider
/// opens its database, builds its parts in its own SQL, and adds only what is its own (keeping leases across steps).
/// </summary>
internal abstract class BackendStore(WorkSignals signals, StoreParts parts) : IBackendStore
{
    public WorkSignals Signals { get; } = signals;

    /// <summary>False unless the provider can commit a step and keep its lease in one round trip.</summary>
    public virtual bool KeepsLeases => false;

    public Task<CreateResult> CreateInstanceAsync(NewInstance instance, IReadOnlyCollection<InstanceStatus>? replaceable, CancellationToken cancellationToken) =>
        parts.Instances.CreateAsync(instance, replaceable, cancellationToken);

    public Task SendMessageAsync(string instanceId, P.HistoryEvent message, CancellationToken cancellationToken) =>
        parts.Instances.SendMessageAsync(instanceId, message, cancellationToken);

    public Task<int> PurgeAsync(string? instanceId, InstanceFilter? filter, CancellationToken cancellationToken) =>
        parts.Instances.PurgeAsync(instanceId, filter, cancellationToken);

    public Task<InstanceRow?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken) =>
        parts.Queries.GetInstanceAsync(instanceId, cancellationToken);

    public Task<IReadOnlyList<P.HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken) =>
        parts.Queries.GetHistoryAsync(instanceId, cancellationToken);

    public Task<InstancePage> QueryInstancesAsync(InstanceFilter filter, int pageSize, string? continuationToken, CancellationToken cancellationToken) =>
        parts.Queries.QueryAsync(filter, pageSize, continuationToken, cancellationToken);

    public Task<IReadOnlyList<PoisonMessage>> GetPoisonMessagesAsync(string? instanceId, CancellationToken cancellationToken) =>
        parts.Queries.GetPoisonMessagesAsync(instanceId, cancellationToken);

    public Task<(long Orchestrations, long Activities)> GetBacklogAsync(CancellationToken cancellationToken) =>
        parts.Queries.GetBacklogAsync(cancellationToken);

    public Task<IReadOnlyList<OrchestrationWorkItem>> LockOrchestrationsAsync(string owner, int max, TimeSpan lease, CancellationToken cancellationToken) =>
        parts.Orchestrations.LockAsync(owner, max, lease, cancellationToken);

    public Task<bool> CommitOrchestrationAsync(OrchestrationWorkItem item, OrchestrationCheckpoint checkpoint, CancellationToken cancellationToken) =>
        parts.Commits.CommitAsync(item, checkpoint, cancellationToken);

    public virtual Task<CommitAndKeepLeaseResult?> CommitAndKeepLeaseAsync(OrchestrationWorkItem item, OrchestrationCheckpoint checkpoint, DateTime leaseUntil, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{this.GetType().Name} releases every lease at its step's commit (KeepsLeases is false).");

    public Task<bool> AbandonOrchestrationAsync(OrchestrationWorkItem item, string reason, TimeSpan retryAfter, CancellationToken cancellationToken) =>
        parts.Orchestrations.AbandonAsync(item, reason, retryAfter, cancellationToken);

    public Task<DateTime?> GetNextWakeUpAsync(CancellationToken cancellationToken) =>
        parts.Orchestrations.GetNextWakeUpAsync(cancellationToken);

    public Task<IReadOnlyList<ActivityWorkItem>> LockActivitiesAsync(string owner, int max, TimeSpan lease, CancellationToken cancellationToken) =>
        parts.Activities.LockAsync(owner, max, lease, cancellationToken);

    public Task<bool> CompleteActivityAsync(ActivityWorkItem item, P.HistoryEvent result, PoisonMessage? setAside, CancellationToken cancellationToken) =>
        parts.Activities.CompleteAsync(item, result, setAside, cancellationToken);

    public Task<bool> AbandonActivityAsync(ActivityWorkItem item, string reason, TimeSpan retryAfter, CancellationToken cancellationToken) =>
        parts.Activities.AbandonAsync(item, reason, retryAfter, cancellationToken);

    public Task RenewLeasesAsync(IReadOnlyCollection<HeldLease> leases, TimeSpan lease, CancellationToken cancellationToken) =>
        parts.Leases.RenewAsync(leases, lease, cancellationToken);

    public Task<int> ReleaseLeasesAsync(IReadOnlyCollection<HeldLease> leases, CancellationToken cancellationToken) =>
        parts.Leases.ReleaseAsync(leases, cancellationToken);

    public abstract ValueTask DisposeAsync();
}
