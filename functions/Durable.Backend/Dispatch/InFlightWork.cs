using Durable.Backend.Storage;
using P = Microsoft.DurableTask.Protobuf;

namespace Durable.Backend.Dispatch;

/// <summary>
/// A work item handed to a worker and not yet completed, by its completion token: its lease token, except for the
/// steps of an orchestration session, which share one lease (see <see cref="OrchestrationSession"/>).
/// </summary>
internal abstract class InFlightWork(WorkerConnection connection)
{
    public WorkerConnection Connection { get; } = connection;

    /// <summary>The token the worker names it by, and its key among the work out.</summary>
    public abstract string CompletionToken { get; }

    /// <summary>The leases as the store renews and hands them back.</summary>
    public abstract IEnumerable<HeldLease> Leases { get; }

    /// <summary>Set once, by whichever Complete/Abandon call gets there first; a retried call awaits the same outcome.</summary>
    public Task<bool>? Outcome { get; set; }

    /// <summary>When the store first failed to take this item's outcome (the worker retries); null while it has not.</summary>
    public DateTime? StoreFailedAt { get; set; }
}

internal sealed class InFlightOrchestration(WorkerConnection connection, OrchestrationWorkItem item, StepPlan plan, OrchestrationSession? session = null, int step = 0)
    : InFlightWork(connection)
{
    private readonly SortedDictionary<int, IReadOnlyList<P.OrchestratorAction>> chunks = [];

    public OrchestrationWorkItem Item { get; } = item;

    public StepPlan Plan { get; } = plan;

    /// <summary>The session this is a step of (its messages are results handed over in memory), or null.</summary>
    public OrchestrationSession? Session { get; } = session;

    /// <summary>A session's steps share its lease: each gets a token of its own, or the SDK's retry rule would take the second for the first.</summary>
    public override string CompletionToken { get; } = session is null ? item.LeaseToken : $"{item.LeaseToken}/{step}";

    public override IEnumerable<HeldLease> Leases => [new(this.Item.LeaseToken, this.Item.Instance.InstanceId)];

    /// <summary>Keeps a partial completion's actions; a retried chunk (same index) replaces itself, never doubles.</summary>
    public void AddChunk(int index, IReadOnlyList<P.OrchestratorAction> actions)
    {
        lock (this.chunks)
        {
            this.chunks[index] = actions;
        }
    }

    /// <summary>All actions of a chunked completion in order, ending with the final chunk's.</summary>
    public IReadOnlyList<P.OrchestratorAction> AllActions(IEnumerable<P.OrchestratorAction> final)
    {
        lock (this.chunks)
        {
            return this.chunks.Values.SelectMany(a => a).Concat(final).ToList();
        }
    }
}

internal sealed class InFlightActivity(WorkerConnection connection, ActivityWorkItem item, OrchestrationSession? session = null) : InFlightWork(connection)
{
    public ActivityWorkItem Item { get; } = item;

    /// <summary>The session that waits for this result in memory, or null (the result goes through the store).</summary>
    public OrchestrationSession? Session { get; } = session;

    public override string CompletionToken => this.Item.LeaseToken;

    public override IEnumerable<HeldLease> Leases => [new(this.Item.LeaseToken, InstanceId: null)];
}
