using Durable.Backend.Storage;
using P = Microsoft.DurableTask.Protobuf;

namespace Durable.Backend.Dispatch;

/// <summary>
/// Orchestration sessions (see <see cref="OrchestrationSession"/>): a step whose activities this backend's worker runs
/// keeps its lease, and the results go to the next step in memory. On PostgreSQL that saves, per activity, the result's own
/// transaction, the look for work and the lease that would follow it (figures in docs/durable-backend.md).
/// </summary>
internal sealed partial class WorkItemDispatcher
{
    /// <summary>How long a session waits for a result before it hands its lease back (events for it wait that long at most).</summary>
    internal static readonly TimeSpan SessionIdleTimeout = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Stores a worker's step: in a session (lease and new tasks held here) when the step leaves the orchestration waiting
    /// only for activities this worker can take now, else the usual commit, which hands the lease back and ends any session.
    /// </summary>
    private async Task<bool> StoreStepAsync(InFlightOrchestration step, OrchestrationCheckpoint checkpoint)
    {
        var session = step.Session;
        if (session is not null)
        {
            // The step's messages were results in memory: their task rows go instead of message rows.
            checkpoint = checkpoint with { ConsumedMessages = [], CompletedTasks = session.InStepTasks };
        }

        if (this.StaysInSession(step, checkpoint))
        {
            var stored = await store.CommitAndKeepLeaseAsync(step.Item, checkpoint, this.Now + this.options.LeaseDuration, CancellationToken.None);
            if (stored is null)
            {
                // The lease was lost, or (a step on results in memory) a message came for the instance: its results go the usual way.
                await this.EndSessionAsync(session, stepStored: false, releaseLease: session is not null);
                return false;
            }

            await this.SessionStepCommittedAsync(session ?? this.StartSession(step), step, checkpoint, stored);
            return true;
        }

        var committed = await store.CommitOrchestrationAsync(step.Item, checkpoint, CancellationToken.None);
        await this.EndSessionAsync(session, stepStored: committed, releaseLease: !committed);
        return committed;
    }

    /// <summary>Only a running instance that waits for nothing but activities, all of which this worker can take at once.</summary>
    private bool StaysInSession(InFlightOrchestration step, OrchestrationCheckpoint checkpoint) =>
        store.KeepsLeases
        && step.Session is not { Ended: true }
        && checkpoint.State.Status == InstanceStatus.Running && !checkpoint.StartsNewExecution
        && checkpoint is { Messages.Count: 0, NewInstances.Count: 0, TerminateChildrenOf.Count: 0, SetAside.Count: 0 }
        && checkpoint.NewTasks.Count + (step.Session?.Awaited ?? 0) > 0
        && step.Connection.FreeActivitySlots >= checkpoint.NewTasks.Count;

    /// <summary>
    /// IMPORTANT: a session holds one of its connection's orchestration slots until it ends, and its later steps run in
    /// that slot. Otherwise each step in a session would free its slot, the connection would lease more instances than its
    /// activity slots can keep, and their tasks would go the slow way through the store.
    /// </summary>
    private OrchestrationSession StartSession(InFlightOrchestration step)
    {
        var session = new OrchestrationSession(step.Connection, step.Item);
        session.Entry = new InFlightSession(session);
        step.Connection.Took(orchestration: true);
        this.inFlight[session.Entry.CompletionToken] = session.Entry;
        return session;
    }

    /// <summary>After a commit that kept the lease: the new tasks go to the worker; then the next step at once, the lease back, or a wait for results.</summary>
    private async Task SessionStepCommittedAsync(OrchestrationSession session, InFlightOrchestration step, OrchestrationCheckpoint checkpoint, CommitAndKeepLeaseResult stored)
    {
        var instance = step.Item.Instance;
        var tasks = checkpoint.NewTasks
            .Select(t => new ActivityWorkItem(
                TaskLease.TokenFor(session.LeaseToken, t.TaskId), stored.TaskSequenceNumbers[t.TaskId], instance.InstanceId, instance.ExecutionId, t.TaskId, t.Name, t.Version,
                t.Input, DequeueCount: 1, LastError: null, t.TraceContext))
            .ToList();
        var (nextStepNow, idleSince) = session.Committed(step.Item, checkpoint, tasks);
        foreach (var task in tasks)
        {
            session.Connection.Took(orchestration: false);
            this.inFlight[task.LeaseToken] = new InFlightActivity(session.Connection, task, session);
        }

        try
        {
            foreach (var task in tasks)
            {
                await session.Connection.WriteAsync(new P.WorkItem { ActivityRequest = ActivityRequestFor(task), CompletionToken = task.LeaseToken }, CancellationToken.None);
            }
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or OperationCanceledException)
        {
            // The stream is gone: the worker's clean-up hands back what is out with it, the tasks and this lease included.
        }

        if (session.Connection.Closed || stored.OtherWork)
        {
            // The worker went away while this was being registered, or someone else's message waits for the lease.
            await this.EndSessionAsync(session, stepStored: true, releaseLease: true);
        }
        else if (nextStepNow)
        {
            await this.SendSessionStepAsync(session);
        }
        else
        {
            _ = this.EndSessionWhenIdleAsync(session, idleSince);
        }
    }

    /// <summary>A result for a session: to it in memory, and its next step out if none is running; false when the session ended.</summary>
    private async Task<bool> HandOverAsync(OrchestrationSession session, ActivityWorkItem task, P.HistoryEvent result)
    {
        if (!session.TryHandOver(task, result, out var startsStep))
        {
            return false;
        }

        if (startsStep)
        {
            await this.SendSessionStepAsync(session);
        }

        return true;
    }

    private async Task SendSessionStepAsync(OrchestrationSession session)
    {
        var (item, number) = session.NextStep();
        var plan = StepPlan.For(item, this.Now, this.options.MaxDequeueCount);
        var step = new InFlightOrchestration(session.Connection, item, plan, session, number); // In the session's slot.
        this.inFlight[step.CompletionToken] = step;
        try
        {
            await session.Connection.WriteAsync(this.WorkItemFor(session.Connection, item, plan, step.CompletionToken), CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or OperationCanceledException)
        {
            // The stream is gone: the worker's clean-up hands back what is out with it.
        }
    }

    private async Task EndSessionWhenIdleAsync(OrchestrationSession session, int idleSince)
    {
        await Task.Delay(SessionIdleTimeout, clock);
        if (session.EndIfStillIdle(idleSince))
        {
            await this.EndSessionAsync(session, stepStored: true, releaseLease: true);
        }
    }

    /// <summary>
    /// Ends a session (if any): the lease handed back when still held, and the results it has not stored
    /// stored the usual way, as messages. Its tasks still out report to the store from now on.
    /// </summary>
    private async Task EndSessionAsync(OrchestrationSession? session, bool stepStored, bool releaseLease)
    {
        if (session is null)
        {
            return;
        }

        var unstored = session.End(stepStored);
        if (session.Entry is { } entry && this.inFlight.TryRemove(KeyValuePair.Create(entry.CompletionToken, (InFlightWork)entry)))
        {
            entry.Connection.Released(orchestration: true);
        }

        try
        {
            // The results first, then the lease: whoever takes the instance next finds them in one step with the rest.
            foreach (var (task, result) in unstored)
            {
                await store.CompleteActivityAsync(task, result, null, CancellationToken.None);
            }

            if (releaseLease)
            {
                await store.ReleaseLeasesAsync([session.Lease], CancellationToken.None);
            }
        }
        catch (Exception e) when (Hosting.BackendOutage.IsStoreFailure(e))
        {
            // The store is away: the leases run out, the instance is leased again and the activities run again.
            logger.StoreFailed(e.Message);
        }
    }

    private static P.ActivityRequest ActivityRequestFor(ActivityWorkItem item) => new()
    {
        Name = item.Name,
        Version = item.Version,
        Input = item.Input,
        TaskId = item.TaskId,
        OrchestrationInstance = new P.OrchestrationInstance { InstanceId = item.InstanceId, ExecutionId = item.ExecutionId },
        ParentTraceContext = item.TraceContext,
    };
}
