using Durable.Backend.Storage;
using P = Microsoft.DurableTask.Protobuf;

namespace Durable.Backend.Dispatch;

/// <summary>
/// An orchestration whose lease this backend keeps between steps, its history and its activities' results in memory
/// (what the Durable Task Framework calls an extended session): the step's activities run on this backend's own worker, on a store shared over
/// the network (see <see cref="IBackendStore.KeepsLeases"/>). Their results come here, and the next step goes to the
/// worker at once: no message row, no look for work, no new lease. The results are stored by that step's commit,
/// which deletes their task rows under their leases.
/// </summary>
/// <remarks>
/// IMPORTANT: until that commit a result lives only here. If the process dies, the task's lease runs out and the
/// activity runs again: activities run at least once in the Durable Task model, and the result is still delivered
/// once. Anything else for the instance (an event, a timer, a terminate) waits for the lease, so the lease is handed
/// back as soon as a commit says other messages wait, and when no result came back within <see cref="WorkItemDispatcher.SessionIdleTimeout"/>.
/// All state is changed under the object's lock.
/// </remarks>
internal sealed class OrchestrationSession(WorkerConnection connection, OrchestrationWorkItem item)
{
    private readonly List<(ActivityWorkItem Task, P.HistoryEvent Result)> results = [];
    private List<(ActivityWorkItem Task, P.HistoryEvent Result)> inStep = [];
    private readonly Dictionary<int, ActivityWorkItem> outstanding = [];
    private int steps;
    private int idleSince;

    public WorkerConnection Connection => connection;

    public string LeaseToken { get; } = item.LeaseToken;

    public HeldLease Lease { get; } = new(item.LeaseToken, item.Instance.InstanceId);

    /// <summary>The instance and its whole history as last committed: the next step starts from it.</summary>
    public OrchestrationWorkItem Item { get; private set; } = item;

    /// <summary>Set once the lease is handed back (or lost): results then go through the store again.</summary>
    public bool Ended { get; private set; }

    /// <summary>A step is out with the worker (results that come back meanwhile wait for the next one).</summary>
    public bool StepRunning { get; private set; } = true;

    /// <summary>Its entry among the work out, which renews the lease and the handed-over results' task leases.</summary>
    public InFlightSession? Entry { get; set; }

    /// <summary>The instance lease, and the leases of tasks whose results are here and not yet stored.</summary>
    public IReadOnlyList<HeldLease> Leases
    {
        get
        {
            lock (this)
            {
                return [this.Lease, .. this.results.Concat(this.inStep).Select(r => new HeldLease(r.Task.LeaseToken, null))];
            }
        }
    }

    /// <summary>Tasks out with the worker, or back and not yet stored: results this orchestration still gets in memory.</summary>
    public int Awaited
    {
        get
        {
            lock (this)
            {
                return this.outstanding.Count + this.results.Count;
            }
        }
    }

    /// <summary>Takes a result from the worker, unless the lease is gone; true when this starts a step (none was running).</summary>
    public bool TryHandOver(ActivityWorkItem task, P.HistoryEvent result, out bool startsStep)
    {
        lock (this)
        {
            startsStep = false;
            if (this.Ended || !this.outstanding.Remove(task.TaskId))
            {
                return false;
            }

            this.results.Add((task, result));
            startsStep = !this.StepRunning;
            this.StepRunning = true;
            return true;
        }
    }

    /// <summary>The next step: the results so far become its messages (in the order they came back), under a token of its own.</summary>
    public (OrchestrationWorkItem Item, int Step) NextStep()
    {
        lock (this)
        {
            this.inStep = [.. this.results];
            this.results.Clear();
            var executionId = this.Item.Instance.ExecutionId;
            var messages = this.inStep.Select((r, i) => new QueuedMessage(long.MinValue + i, executionId, r.Result, DequeueCount: 1)).ToList();
            return (this.Item with { Messages = messages }, ++this.steps);
        }
    }

    /// <summary>The task rows of the running step's results, which its commit deletes.</summary>
    public IReadOnlyList<TaskLease> InStepTasks
    {
        get
        {
            lock (this)
            {
                return this.inStep.Select(r => new TaskLease(r.Task.SequenceNumber, r.Task.LeaseToken)).ToList();
            }
        }
    }

    /// <summary>
    /// After a commit that kept the lease: the instance as stored, the step's new tasks (leased with it) awaited, and
    /// whether the next step can go at once. Otherwise the orchestration is idle, and the answer's number tells
    /// <see cref="EndIfStillIdle"/> whether it stayed so.
    /// </summary>
    public (bool NextStepNow, int IdleSince) Committed(OrchestrationWorkItem stepItem, OrchestrationCheckpoint checkpoint, IEnumerable<ActivityWorkItem> newTasks)
    {
        lock (this)
        {
            this.Item = stepItem with { Instance = checkpoint.State, History = [.. stepItem.History, .. checkpoint.NewHistory], Messages = [], LastError = null };
            this.inStep = [];
            foreach (var task in newTasks)
            {
                this.outstanding[task.TaskId] = task;
            }

            this.StepRunning = this.results.Count > 0;
            return (this.StepRunning, this.StepRunning ? this.idleSince : ++this.idleSince);
        }
    }

    /// <summary>Whether nothing happened since <see cref="Committed"/> answered <paramref name="idleSince"/>; if so, it ends here.</summary>
    public bool EndIfStillIdle(int idleSince)
    {
        lock (this)
        {
            if (this.Ended || this.StepRunning || this.idleSince != idleSince)
            {
                return false;
            }

            this.Ended = true;
            return true;
        }
    }

    /// <summary>Ends it and answers the results not stored (those of a step that was not, and those waiting), to store the usual way.</summary>
    public IReadOnlyList<(ActivityWorkItem Task, P.HistoryEvent Result)> End(bool stepStored = false)
    {
        lock (this)
        {
            this.Ended = true;
            var unstored = (stepStored ? this.results : this.inStep.Concat(this.results)).ToList();
            this.inStep = [];
            this.results.Clear();
            return unstored;
        }
    }
}

/// <summary>A session among the work out: renewed with it, handed back when its worker goes away.</summary>
internal sealed class InFlightSession(OrchestrationSession session) : InFlightWork(session.Connection)
{
    public OrchestrationSession Session => session;

    public override string CompletionToken { get; } = "session:" + session.LeaseToken;

    public override IEnumerable<HeldLease> Leases => session.Leases;
}
