using Durable.Backend.Storage;
using P = Microsoft.DurableTask.Protobuf;

namespace Durable.Backend.Dispatch;

/// <summary>
/// What to do with a leased orchestration work item: either hand the worker these new events (with the
/// history) and apply its actions afterwards, or commit <see cref="CommitNow"/> without running any code
/// (a terminate, a set-aside message, leftovers for a finished instance).
/// </summary>
internal sealed record StepPlan(
    IReadOnlyList<P.HistoryEvent> NewEvents, IReadOnlyList<long> Consumed, OrchestrationCheckpoint? CommitNow)
{
    /// <summary>Decides how to process a work item. Pure: the same item and time give the same plan.</summary>
    public static StepPlan For(OrchestrationWorkItem item, DateTime now, int maxDequeueCount)
    {
        var instance = item.Instance;
        var all = item.Messages.Select(m => m.SequenceNumber).ToList();

        // Messages for an earlier execution (results arriving after ContinueAsNew) are dropped.
        var current = item.Messages.Where(m => m.ExecutionId is null || m.ExecutionId == instance.ExecutionId).ToList();
        if (instance.IsTerminal || current.Count == 0)
        {
            return new StepPlan([], all, Unchanged(item, all));
        }

        if (current.FirstOrDefault(m => m.DequeueCount > maxDequeueCount) is { } poison)
        {
            return new StepPlan([], all, SetAside(item, poison, all, now));
        }

        if (current.FirstOrDefault(m => m.Event.EventTypeCase == P.HistoryEvent.EventTypeOneofCase.ExecutionTerminated) is { } terminate)
        {
            return new StepPlan([], all, Terminate(item, terminate.Event.ExecutionTerminated, current, all, now));
        }

        // The start comes first (events raised before the instance existed were queued before it); a resume
        // comes before what waited during the suspension; after a suspend nothing else is delivered this step.
        var ordered = current
            .OrderBy(m => m.Event.EventTypeCase switch
            {
                P.HistoryEvent.EventTypeOneofCase.ExecutionStarted => 0,
                P.HistoryEvent.EventTypeOneofCase.ExecutionResumed => 1,
                _ => 2,
            })
            .ThenBy(m => m.SequenceNumber)
            .ToList();
        var suspend = ordered.FindIndex(m => m.Event.EventTypeCase == P.HistoryEvent.EventTypeOneofCase.ExecutionSuspended);
        if (suspend >= 0)
        {
            ordered = ordered.Take(suspend + 1).ToList();
        }

        var stale = item.Messages.Where(m => !current.Contains(m)).Select(m => m.SequenceNumber);
        var consumed = ordered.Select(m => m.SequenceNumber).Concat(stale).ToList();
        var newEvents = new List<P.HistoryEvent>(ordered.Count + 1) { Events.OrchestratorStarted(now) };
        newEvents.AddRange(ordered.Select(m => m.Event));
        return new StepPlan(newEvents, consumed, null);
    }

    private static OrchestrationCheckpoint Unchanged(OrchestrationWorkItem item, IReadOnlyList<long> consumed) => new()
    {
        NewHistory = [],
        ConsumedMessages = consumed,
        State = item.Instance,
    };

    /// <summary>A message that keeps failing fails its instance, with the reason kept, instead of looping.</summary>
    private static OrchestrationCheckpoint SetAside(OrchestrationWorkItem item, QueuedMessage poison, IReadOnlyList<long> consumed, DateTime now)
    {
        var name = poison.Event.EventTypeCase.ToString();
        var reason = $"The message {name} was handed to a worker {poison.DequeueCount - 1} times without being processed and was set aside."
            + (item.LastError is null ? string.Empty : $" Last error: {item.LastError}");
        var failure = Events.Failure("DurableBackend.PoisonMessage", reason);
        var history = StartIfMissing(item, now);
        history.Add(Events.ExecutionCompleted(now, -1, P.OrchestrationStatus.Failed, null, failure));
        return Finished(item, history, consumed, InstanceStatus.Failed, null, failure, now) with
        {
            SetAside = [new PoisonMessage(item.Instance.InstanceId, "orchestration", name, poison.DequeueCount - 1, reason, now)],
        };
    }

    /// <summary>Terminating needs no orchestrator code: the backend ends the instance itself, running, pending or suspended.</summary>
    private static OrchestrationCheckpoint Terminate(
        OrchestrationWorkItem item, P.ExecutionTerminatedEvent terminate, IReadOnlyList<QueuedMessage> current, IReadOnlyList<long> consumed, DateTime now)
    {
        var history = StartIfMissing(item, now, current);
        history.Add(Events.ExecutionTerminated(now, terminate.Input, terminate.Recurse));
        history.Add(Events.ExecutionCompleted(now, -1, P.OrchestrationStatus.Terminated, terminate.Input, null));
        var checkpoint = Finished(item, history, consumed, InstanceStatus.Terminated, terminate.Input, null, now);
        return terminate.Recurse ? checkpoint with { TerminateChildrenOf = [item.Instance.InstanceId] } : checkpoint;
    }

    /// <summary>An instance ended before its first step still gets a history that says what it was.</summary>
    private static List<P.HistoryEvent> StartIfMissing(OrchestrationWorkItem item, DateTime now, IReadOnlyList<QueuedMessage>? current = null)
    {
        var history = new List<P.HistoryEvent> { Events.OrchestratorStarted(now) };
        if (item.History.Count == 0 && current?.FirstOrDefault(m => m.Event.ExecutionStarted is not null) is { } start)
        {
            history.Add(start.Event);
        }

        return history;
    }

    internal static OrchestrationCheckpoint Finished(
        OrchestrationWorkItem item, IReadOnlyList<P.HistoryEvent> history, IReadOnlyList<long> consumed, InstanceStatus status, string? output,
        P.TaskFailureDetails? failure, DateTime now)
    {
        var messages = new List<OutboundMessage>();
        if (ParentOf(item, history) is { } parent)
        {
            messages.Add(ActionApplier.ResultForParent(parent, status, output, failure, now));
        }

        return new OrchestrationCheckpoint
        {
            NewHistory = history,
            ConsumedMessages = consumed,
            Messages = messages,
            State = item.Instance with { Status = status, Output = output, Failure = failure, CompletedAt = now, LastUpdatedAt = now },
        };
    }

    /// <summary>The parent to tell when this instance ends, from its ExecutionStarted event.</summary>
    internal static P.ParentInstanceInfo? ParentOf(OrchestrationWorkItem item, IEnumerable<P.HistoryEvent> newEvents) =>
        item.History.Concat(newEvents).Select(e => e.ExecutionStarted).FirstOrDefault(s => s is not null)?.ParentInstance;
}
