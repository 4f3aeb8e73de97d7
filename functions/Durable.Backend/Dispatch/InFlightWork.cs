using Durable.Backend.Storage;
using P = Microsoft.DurableTask.Protobuf;

namespace Durable.Backend.Dispatch;

/// <summary>A work item handed to a worker and not yet completed: its lease token is the completion token.</summary>
internal abstract class InFlightWork(WorkerConnection connection)
{
    public WorkerConnection Connection { get; } = connection;

    public abstract string LeaseToken { get; }

    /// <summary>The lease as the store renews and hands it back.</summary>
    public abstract HeldLease Lease { get; }

    /// <summary>Set once, by whichever Complete/Abandon call gets there first; a retried call awaits the same outcome.</summary>
    public Task<bool>? Outcome { get; set; }

    /// <summary>When the store first failed to take this item's outcome (the worker retries); null while it has not.</summary>
    public DateTime? StoreFailedAt { get; set; }
}

internal sealed class InFlightOrchestration(WorkerConnection connection, OrchestrationWorkItem item, StepPlan plan) : InFlightWork(connection)
{
    private readonly SortedDictionary<int, IReadOnlyList<P.OrchestratorAction>> chunks = [];

    public OrchestrationWorkItem Item { get; } = item;

    public StepPlan Plan { get; } = plan;

    public override string LeaseToken => this.Item.LeaseToken;

    public override HeldLease Lease => new(this.Item.LeaseToken, this.Item.Instance.InstanceId);

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

internal sealed class InFlightActivity(WorkerConnection connection, ActivityWorkItem item) : InFlightWork(connection)
{
    public ActivityWorkItem Item { get; } = item;

    public override string LeaseToken => this.Item.LeaseToken;

    public override HeldLease Lease => new(this.Item.LeaseToken, InstanceId: null);
}
