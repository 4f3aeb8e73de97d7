using Durable.Runtime;

namespace Durable.Storage;

/// <summary>
/// Everything the engine asks of durable storage, kept narrow so that a SQL database with row locks
/// (SQLite here, PostgreSQL with SELECT … FOR UPDATE SKIP LOCKED next) can implement it.
/// Each method is one transaction.
/// </summary>
internal interface IOrchestrationStore : IAsyncDisposable
{
    /// <summary>In-process wake-ups for the dispatchers, raised after commits that add work.</summary>
    WorkSignals Signals { get; }

    /// <summary>Creates or migrates the schema.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Creates a Pending instance with its ExecutionStarted message; false when an active one with that id exists.</summary>
    Task<bool> CreateInstanceAsync(NewInstance instance, CancellationToken cancellationToken);

    /// <summary>Queues a message (event, terminate, suspend, resume) for an instance, existing or not yet created.</summary>
    Task SendMessageAsync(string instanceId, HistoryEvent message, CancellationToken cancellationToken);

    Task<InstanceState?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken);

    Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken);

    Task<Page<InstanceState>> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken);

    /// <summary>Deletes finished instances (rows, history, messages) matching the filter or the id.</summary>
    Task<int> PurgeAsync(string? instanceId, PurgeInstancesFilter? filter, CancellationToken cancellationToken);

    /// <summary>Leases up to <paramref name="max"/> instances that have visible messages, with their history.</summary>
    Task<IReadOnlyList<OrchestrationWorkItem>> LockOrchestrationsAsync(string owner, int max, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Applies one orchestration step atomically and releases the lease; false if the lease was lost.</summary>
    Task<bool> CommitOrchestrationAsync(OrchestrationWorkItem item, OrchestrationCheckpoint checkpoint, CancellationToken cancellationToken);

    /// <summary>Releases the lease without applying anything, keeping the reason for a later set-aside; no retry before <paramref name="retryAfter"/>.</summary>
    Task AbandonOrchestrationAsync(OrchestrationWorkItem item, string reason, TimeSpan retryAfter, CancellationToken cancellationToken);

    /// <summary>Leases up to <paramref name="max"/> visible activity tasks.</summary>
    Task<IReadOnlyList<ActivityWorkItem>> LockActivitiesAsync(string owner, int max, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Extends the leases of running activities.</summary>
    Task RenewActivityLeasesAsync(IReadOnlyList<ActivityWorkItem> items, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Deletes the task and queues its result for the orchestration, atomically; false if the lease was lost.</summary>
    Task<bool> CompleteActivityAsync(ActivityWorkItem item, HistoryEvent result, PoisonMessage? setAside, CancellationToken cancellationToken);

    /// <summary>Releases an activity's lease so another attempt can run later.</summary>
    Task AbandonActivityAsync(ActivityWorkItem item, string reason, TimeSpan retryAfter, CancellationToken cancellationToken);

    /// <summary>The earliest future time at which a message, task or expired lease becomes workable.</summary>
    Task<DateTime?> GetNextWakeUpAsync(CancellationToken cancellationToken);

    /// <summary>The owners (worker ids) of leases that have not expired yet.</summary>
    Task<IReadOnlyList<string>> GetLeaseOwnersAsync(CancellationToken cancellationToken);

    /// <summary>Releases every lease <paramref name="owner"/> holds, making its work available at once; returns how many.</summary>
    Task<int> ReleaseLeasesAsync(string owner, CancellationToken cancellationToken);

    /// <summary>Messages and tasks set aside after too many attempts, newest first.</summary>
    Task<IReadOnlyList<PoisonMessage>> GetPoisonMessagesAsync(string? instanceId, CancellationToken cancellationToken);
}

internal sealed record NewInstance(
    string InstanceId, string ExecutionId, string Name, string? Input, DateTime CreatedAt, DateTime VisibleAt,
    string? ParentInstanceId = null, int? ParentTaskId = null);

internal sealed record OrchestrationWorkItem(
    string LockToken, InstanceState Instance, IReadOnlyList<HistoryEvent> History, IReadOnlyList<QueuedMessage> Messages,
    string? LastError = null);

internal sealed record ActivityWorkItem(
    string LockToken, long SequenceNumber, string InstanceId, string ExecutionId, int TaskId, string Name,
    string? Input, int DequeueCount, string? LastError);

/// <summary>A message addressed to an instance (itself for timers, another for sub-orchestration results).</summary>
internal sealed record OutboundMessage(string InstanceId, string? ExecutionId, HistoryEvent Event, DateTime VisibleAt);

internal sealed record ActivityRequest(int TaskId, string Name, string? Input);

/// <summary>Everything one orchestration step changes, committed in one transaction.</summary>
internal sealed record OrchestrationCheckpoint
{
    /// <summary>History events to append, in order.</summary>
    public required IReadOnlyList<HistoryEvent> NewHistory { get; init; }

    /// <summary>Queue positions of the messages this step consumed.</summary>
    public required IReadOnlyList<long> ConsumedMessages { get; init; }

    public IReadOnlyList<ActivityRequest> NewTasks { get; init; } = [];

    public IReadOnlyList<OutboundMessage> Messages { get; init; } = [];

    public IReadOnlyList<NewInstance> NewInstances { get; init; } = [];

    /// <summary>The instance row after the step.</summary>
    public required InstanceState State { get; init; }

    /// <summary>Set for ContinueAsNew: the old history is dropped and <see cref="State"/> carries the new execution.</summary>
    public bool StartsNewExecution { get; init; }

    /// <summary>Messages set aside as poison in this step, with the reason.</summary>
    public IReadOnlyList<PoisonMessage> SetAside { get; init; } = [];
}

/// <summary>A message or task set aside after too many failed attempts, with the reason kept.</summary>
/// <param name="InstanceId">The orchestration instance it belonged to.</param>
/// <param name="Kind">"orchestration" for orchestration messages, "activity" for activity tasks.</param>
/// <param name="Name">The event type or activity name.</param>
/// <param name="Attempts">How many times it was handed to a worker.</param>
/// <param name="Reason">The last error, or why it was set aside.</param>
/// <param name="SetAsideAt">When it was set aside (UTC).</param>
public sealed record PoisonMessage(
    string InstanceId, string Kind, string Name, int Attempts, string Reason, DateTime SetAsideAt);
