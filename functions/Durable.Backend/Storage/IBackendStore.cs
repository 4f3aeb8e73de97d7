using P = Microsoft.DurableTask.Protobuf;

namespace Durable.Backend.Storage;

/// <summary>
/// Everything the backend asks of durable storage, kept narrow so that any SQL database with row locks can implement
/// it (SQLite in one process; PostgreSQL, shared by several, with SELECT … FOR UPDATE SKIP LOCKED). Each method is
/// one transaction. History and messages are the protocol's own <see cref="P.HistoryEvent"/>s.
/// </summary>
internal interface IBackendStore : IAsyncDisposable
{
    /// <summary>In-process wake-ups, raised after commits that add work or change an instance.</summary>
    WorkSignals Signals { get; }

    /// <summary>Creates a Pending instance with its ExecutionStarted message, or says why not.</summary>
    Task<CreateResult> CreateInstanceAsync(NewInstance instance, IReadOnlyCollection<InstanceStatus>? replaceable, CancellationToken cancellationToken);

    /// <summary>Queues a message for an instance (an event, terminate, suspend, resume); events for an id not created yet wait for it.</summary>
    Task SendMessageAsync(string instanceId, P.HistoryEvent message, CancellationToken cancellationToken);

    Task<InstanceRow?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>The current execution's history, oldest first.</summary>
    Task<IReadOnlyList<P.HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken);

    Task<InstancePage> QueryInstancesAsync(InstanceFilter filter, int pageSize, string? continuationToken, CancellationToken cancellationToken);

    /// <summary>Deletes finished instances (rows, history, messages, tasks) by id or filter; returns how many.</summary>
    Task<int> PurgeAsync(string? instanceId, InstanceFilter? filter, CancellationToken cancellationToken);

    /// <summary>Leases up to <paramref name="max"/> instances that have workable messages, with their history.</summary>
    Task<IReadOnlyList<OrchestrationWorkItem>> LockOrchestrationsAsync(string owner, int max, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>
    /// Applies one orchestration step atomically and releases the lease; false when the lease was lost, or when the step
    /// ran on results in memory (<see cref="OrchestrationCheckpoint.CompletedTasks"/>) and another message is due for the instance.
    /// </summary>
    Task<bool> CommitOrchestrationAsync(OrchestrationWorkItem item, OrchestrationCheckpoint checkpoint, CancellationToken cancellationToken);

    /// <summary>
    /// Whether <see cref="CommitAndKeepLeaseAsync"/> is available: a store shared over a network (PostgreSQL), where every
    /// round trip counts, lets the backend keep an instance whose activities its own worker runs, and hand their results
    /// to it in memory instead of through a message row and a new lease.
    /// </summary>
    bool KeepsLeases { get; }

    /// <summary>
    /// Applies one step like <see cref="CommitOrchestrationAsync"/>, but keeps the instance leased to the same token until
    /// <paramref name="leaseUntil"/> and leases the step's new tasks to <see cref="TaskLease.TokenFor"/> that lease; null,
    /// with nothing stored, when <see cref="CommitOrchestrationAsync"/> would answer false.
    /// </summary>
    Task<CommitAndKeepLeaseResult?> CommitAndKeepLeaseAsync(OrchestrationWorkItem item, OrchestrationCheckpoint checkpoint, DateTime leaseUntil, CancellationToken cancellationToken);

    /// <summary>Releases the lease without applying anything, keeping the reason; no retry before <paramref name="retryAfter"/>.</summary>
    Task<bool> AbandonOrchestrationAsync(OrchestrationWorkItem item, string reason, TimeSpan retryAfter, CancellationToken cancellationToken);

    /// <summary>Leases up to <paramref name="max"/> visible activity tasks.</summary>
    Task<IReadOnlyList<ActivityWorkItem>> LockActivitiesAsync(string owner, int max, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Extends the leases still held (orchestrations and activities alike).</summary>
    Task RenewLeasesAsync(IReadOnlyCollection<HeldLease> leases, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Deletes the task and queues its result for the orchestration, atomically; false when the lease was lost.</summary>
    Task<bool> CompleteActivityAsync(ActivityWorkItem item, P.HistoryEvent result, PoisonMessage? setAside, CancellationToken cancellationToken);

    /// <summary>Releases an activity's lease so another attempt can run after <paramref name="retryAfter"/>.</summary>
    Task<bool> AbandonActivityAsync(ActivityWorkItem item, string reason, TimeSpan retryAfter, CancellationToken cancellationToken);

    /// <summary>Hands back at once the leases still held (a worker's stream closed); returns how many.</summary>
    Task<int> ReleaseLeasesAsync(IReadOnlyCollection<HeldLease> leases, CancellationToken cancellationToken);

    /// <summary>The earliest future time at which a message, task or expired lease becomes workable (the PostgreSQL store leaves leases to the poll).</summary>
    Task<DateTime?> GetNextWakeUpAsync(CancellationToken cancellationToken);

    /// <summary>Messages and tasks set aside after too many attempts, newest first.</summary>
    Task<IReadOnlyList<PoisonMessage>> GetPoisonMessagesAsync(string? instanceId, CancellationToken cancellationToken);

    /// <summary>Work waiting in the store (visible messages and tasks), for health and metrics.</summary>
    Task<(long Orchestrations, long Activities)> GetBacklogAsync(CancellationToken cancellationToken);
}

/// <summary>An instance's runtime status as stored (the protocol's status without ContinuedAsNew and Canceled).</summary>
internal enum InstanceStatus
{
    Pending,
    Running,
    Suspended,
    Completed,
    Failed,
    Terminated,
}

internal enum CreateOutcome
{
    Created,
    AlreadyExists,
}

internal sealed record CreateResult(CreateOutcome Outcome, InstanceStatus? ExistingStatus = null);

internal sealed record NewInstance(
    string InstanceId, string ExecutionId, string Name, string? Version, string? Input, DateTime CreatedAt, DateTime? ScheduledStartAt,
    P.ParentInstanceInfo? Parent = null, IReadOnlyDictionary<string, string>? Tags = null, P.TraceContext? TraceContext = null);

/// <summary>The stored row of one orchestration instance.</summary>
internal sealed record InstanceRow
{
    public required string InstanceId { get; init; }
    public required string ExecutionId { get; init; }
    public required string Name { get; init; }
    public string? Version { get; init; }
    public required InstanceStatus Status { get; init; }
    public string? Input { get; init; }
    public string? Output { get; init; }
    public string? CustomStatus { get; init; }
    public P.TaskFailureDetails? Failure { get; init; }
    public required DateTime CreatedAt { get; init; }
    public required DateTime LastUpdatedAt { get; init; }
    public DateTime? CompletedAt { get; init; }
    public DateTime? ScheduledStartAt { get; init; }
    public string? ParentInstanceId { get; init; }

    public bool IsTerminal => this.Status is InstanceStatus.Completed or InstanceStatus.Failed or InstanceStatus.Terminated;
}

/// <summary>A message waiting for an orchestration, with its queue position.</summary>
internal sealed record QueuedMessage(long SequenceNumber, string? ExecutionId, P.HistoryEvent Event, int DequeueCount);

internal sealed record OrchestrationWorkItem(
    string LeaseToken, InstanceRow Instance, IReadOnlyList<P.HistoryEvent> History, IReadOnlyList<QueuedMessage> Messages, string? LastError);

internal sealed record ActivityWorkItem(
    string LeaseToken, long SequenceNumber, string InstanceId, string ExecutionId, int TaskId, string Name, string? Version,
    string? Input, int DequeueCount, string? LastError, P.TraceContext? TraceContext);

/// <summary>A message addressed to an instance: itself for timers, another for events and sub-orchestration results.</summary>
internal sealed record OutboundMessage(string InstanceId, string? ExecutionId, P.HistoryEvent Event, DateTime VisibleAt);

/// <summary>
/// A lease a worker holds: its token and, for an orchestration's, the instance (so a store finds the row by its key
/// rather than by an index on the token; null for an activity task's).
/// </summary>
internal sealed record HeldLease(string Token, string? InstanceId);

internal sealed record ActivityRequest(int TaskId, string Name, string? Version, string? Input, P.TraceContext? TraceContext);

/// <summary>Everything one orchestration step changes, committed in one transaction.</summary>
internal sealed record OrchestrationCheckpoint
{
    /// <summary>History events to append, in order.</summary>
    public required IReadOnlyList<P.HistoryEvent> NewHistory { get; init; }

    /// <summary>Queue positions of the messages this step consumed.</summary>
    public required IReadOnlyList<long> ConsumedMessages { get; init; }

    public IReadOnlyList<ActivityRequest> NewTasks { get; init; } = [];

    public IReadOnlyList<OutboundMessage> Messages { get; init; } = [];

    /// <summary>Sub-orchestrations to create; an id that is already active fails the parent's task instead.</summary>
    public IReadOnlyList<NewInstance> NewInstances { get; init; } = [];

    /// <summary>The instance row after the step.</summary>
    public required InstanceRow State { get; init; }

    /// <summary>ContinueAsNew: the old history is dropped and <see cref="State"/> carries the new execution.</summary>
    public bool StartsNewExecution { get; init; }

    /// <summary>Messages set aside as poison in this step, with the reason.</summary>
    public IReadOnlyList<PoisonMessage> SetAside { get; init; } = [];

    /// <summary>Instances to terminate with this step (a recursive terminate reaching the children).</summary>
    public IReadOnlyList<string> TerminateChildrenOf { get; init; } = [];

    /// <summary>
    /// Tasks whose results the step consumed from memory (the backend kept the instance leased, see
    /// <see cref="IBackendStore.CommitAndKeepLeaseAsync"/>): their rows are deleted under their leases, or nothing is stored.
    /// </summary>
    public IReadOnlyList<TaskLease> CompletedTasks { get; init; } = [];
}

/// <summary>An activity task row as leased: its queue position and its lease token.</summary>
internal sealed record TaskLease(long SequenceNumber, string Token)
{
    /// <summary>The token of a task leased with its instance's lease when the step keeps it: unique, since task ids are unique in an execution.</summary>
    public static string TokenFor(string instanceLeaseToken, int taskId) => $"{instanceLeaseToken}:{taskId}";
}

/// <summary>What a step that kept its lease stored: its new tasks' queue positions by task id, and whether other messages wait for the instance.</summary>
internal sealed record CommitAndKeepLeaseResult(IReadOnlyDictionary<int, long> TaskSequenceNumbers, bool OtherWork);

/// <summary>Which instances a query or purge means; null fields do not filter.</summary>
// WithPayloads: whether a query reads each instance's input, output, custom status and failure. Without them the rows it
// sorts and sends are a few hundred bytes, which is what a caller listing thousands of instances wants.
internal sealed record InstanceFilter(
    IReadOnlyCollection<InstanceStatus>? Statuses = null, string? InstanceIdPrefix = null, DateTime? CreatedFrom = null, DateTime? CreatedTo = null,
    DateTime? CompletedBefore = null, bool WithPayloads = true);

internal sealed record InstancePage(IReadOnlyList<InstanceRow> Instances, string? ContinuationToken);

/// <summary>A message or task set aside after too many failed attempts, with the reason kept.</summary>
/// <param name="InstanceId">The orchestration instance it belonged to.</param>
/// <param name="Kind">"orchestration" for orchestration messages, "activity" for activity tasks.</param>
/// <param name="Name">The event type or activity name.</param>
/// <param name="Attempts">How many times it was handed to a worker.</param>
/// <param name="Reason">The last error, or why it was set aside.</param>
/// <param name="SetAsideAt">When it was set aside (UTC).</param>
internal sealed record PoisonMessage(string InstanceId, string Kind, string Name, int Attempts, string Reason, DateTime SetAsideAt);
