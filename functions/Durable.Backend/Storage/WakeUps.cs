namespace Durable.Backend.Storage;

/// <summary>
/// Whom a commit wakes, by the same rules in both stores: workers looking for orchestration or activity work, and
/// whoever waits for an instance's status. The SQLite store raises them in this process (<see cref="WorkSignals.Raise"/>);
/// the PostgreSQL store also tells the other backends sharing its database.
/// </summary>
/// <param name="OrchestrationWork">An orchestration has a message to take, or its lease is free again.</param>
/// <param name="ActivityWork">A task is there to take.</param>
/// <param name="ChangedInstance">The instance whose status changed, if any.</param>
/// <param name="InstanceFinished">It finished: waits for completion wake too, not only waits for any change.</param>
internal readonly record struct WakeUps(bool OrchestrationWork, bool ActivityWork, string? ChangedInstance = null, bool InstanceFinished = false)
{
    /// <summary>A message was queued for an instance: an event, a terminate, an activity's result.</summary>
    public static readonly WakeUps MessageQueued = new(OrchestrationWork: true, ActivityWork: false);

    /// <summary>A step was abandoned: every backend recomputes its next wake-up, which the retry time may now be.</summary>
    public static readonly WakeUps StepAbandoned = new(OrchestrationWork: true, ActivityWork: false);

    /// <summary>A task was abandoned: every backend recomputes its next wake-up, which the retry time may now be.</summary>
    public static readonly WakeUps TaskAbandoned = new(OrchestrationWork: false, ActivityWork: true);

    /// <summary>Leases were handed back: their instances and tasks are anyone's at once.</summary>
    public static readonly WakeUps LeasesReleased = new(OrchestrationWork: true, ActivityWork: true);

    /// <summary>A new instance: its start message is work, and waits for its start look (waits for completion sleep on).</summary>
    public static WakeUps InstanceCreated(string instanceId) => new(OrchestrationWork: true, ActivityWork: false, instanceId);

    /// <summary>
    /// After an orchestration step's commit. <paramref name="moreWork"/>: other messages are due for the instance.
    /// <paramref name="leaseKept"/>: the step kept its lease (<see cref="IBackendStore.CommitAndKeepLeaseAsync"/>), so its
    /// new tasks are leased already and the instance's other messages wait until its backend hands the lease back.
    /// </summary>
    public static WakeUps AfterStep(OrchestrationWorkItem item, OrchestrationCheckpoint checkpoint, bool moreWork, bool leaseKept)
    {
        var state = checkpoint.State;
        var statusChanged = state.Status != item.Instance.Status || state.IsTerminal || checkpoint.StartsNewExecution;
        return new(
            OrchestrationWork: (moreWork && !leaseKept)
                || checkpoint.Messages.Count > 0 || checkpoint.NewInstances.Count > 0 || checkpoint.TerminateChildrenOf.Count > 0,
            ActivityWork: checkpoint.NewTasks.Count > 0 && !leaseKept,
            ChangedInstance: statusChanged ? item.Instance.InstanceId : null,
            InstanceFinished: state.IsTerminal);
    }
}
