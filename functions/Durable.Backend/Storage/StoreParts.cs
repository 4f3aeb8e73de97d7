using P = Microsoft.DurableTask.Protobuf;

namespace Durable.Backend.Storage;

/// <summary>Creating instances, sending them messages and purging them.</summary>
internal interface IInstanceWrites
{
    Task<CreateResult> CreateAsync(NewInstance instance, IReadOnlyCollection<InstanceStatus>? replaceable, CancellationToken cancellationToken);

    Task SendMessageAsync(string instanceId, P.HistoryEvent message, CancellationToken cancellationToken);

    Task<int> PurgeAsync(string? instanceId, InstanceFilter? filter, CancellationToken cancellationToken);
}

/// <summary>What clients and the dispatcher read: instances, history, pages, set-aside messages, the backlog.</summary>
internal interface IInstanceReads
{
    Task<InstanceRow?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken);

    Task<IReadOnlyList<P.HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken);

    Task<InstancePage> QueryAsync(InstanceFilter filter, int pageSize, string? continuationToken, CancellationToken cancellationToken);

    Task<IReadOnlyList<PoisonMessage>> GetPoisonMessagesAsync(string? instanceId, CancellationToken cancellationToken);

    Task<(long Orchestrations, long Activities)> GetBacklogAsync(CancellationToken cancellationToken);
}

/// <summary>Leasing orchestration steps, handing them back, and the next time one falls due.</summary>
internal interface IOrchestrationWork
{
    Task<IReadOnlyList<OrchestrationWorkItem>> LockAsync(string owner, int max, TimeSpan lease, CancellationToken cancellationToken);

    Task<bool> AbandonAsync(OrchestrationWorkItem item, string reason, TimeSpan retryAfter, CancellationToken cancellationToken);

    Task<DateTime?> GetNextWakeUpAsync(CancellationToken cancellationToken);
}

/// <summary>Committing an orchestration step.</summary>
internal interface IStepCommits
{
    Task<bool> CommitAsync(OrchestrationWorkItem item, OrchestrationCheckpoint checkpoint, CancellationToken cancellationToken);
}

/// <summary>Leasing activities, completing them and handing them back.</summary>
internal interface IActivityWork
{
    Task<IReadOnlyList<ActivityWorkItem>> LockAsync(string owner, int max, TimeSpan lease, CancellationToken cancellationToken);

    Task<bool> CompleteAsync(ActivityWorkItem item, P.HistoryEvent result, PoisonMessage? setAside, CancellationToken cancellationToken);

    Task<bool> AbandonAsync(ActivityWorkItem item, string reason, TimeSpan retryAfter, CancellationToken cancellationToken);
}

/// <summary>Renewing and releasing a worker's leases.</summary>
internal interface ILeaseWork
{
    Task RenewAsync(IReadOnlyCollection<HeldLease> leases, TimeSpan lease, CancellationToken cancellationToken);

    Task<int> ReleaseAsync(IReadOnlyCollection<HeldLease> leases, CancellationToken cancellationToken);
}

/// <summary>One store's classes, one per concern, each in its provider's SQL.</summary>
internal sealed record StoreParts(
    IInstanceWrites Instances, IInstanceReads Queries, IOrchestrationWork Orchestrations, IStepCommits Commits, IActivityWork Activities, ILeaseWork Leases);
