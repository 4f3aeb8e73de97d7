using Durable.Runtime;
using Durable.Storage;

namespace Durable.Worker;

/// <summary>Turns what an orchestration step produced into the rows one transaction writes.</summary>
internal static class CheckpointBuilder
{
    public static OrchestrationCheckpoint Build(OrchestrationWorkItem item, ExecutionResult result, DateTime now)
    {
        var instance = item.Instance;
        var tasks = new List<ActivityRequest>();
        var messages = new List<OutboundMessage>();
        var children = new List<NewInstance>();
        foreach (var action in result.NewActions)
        {
            switch (action)
            {
                case ScheduleTaskAction task:
                    tasks.Add(new ActivityRequest(task.Id, task.Name, task.Input));
                    break;
                case CreateTimerAction timer:
                    messages.Add(new OutboundMessage(
                        instance.InstanceId, instance.ExecutionId,
                        new HistoryEvent(EventType.TimerFired, now) { TaskScheduledId = timer.Id, FireAt = timer.FireAt },
                        timer.FireAt));
                    break;
                case CreateSubOrchestrationAction child:
                    children.Add(new NewInstance(
                        child.InstanceId, Guid.NewGuid().ToString("N"), child.Name, child.Input, now, now,
                        instance.InstanceId, child.Id));
                    break;
            }
        }

        var state = instance with
        {
            Status = result.Status,
            CustomStatus = result.CustomStatus,
            LastUpdatedAt = now,
        };

        if (result.Status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated)
        {
            state = state with { Output = result.Output, Failure = result.Failure, CompletedAt = now };
            if (instance.ParentInstanceId is { } parent && instance.ParentTaskId is { } parentTaskId)
            {
                messages.Add(new OutboundMessage(parent, null, ChildResult(result, instance.InstanceId, parentTaskId, now), now));
            }
        }

        var startsNewExecution = false;
        var history = result.NewHistory;
        if (result.ContinueAsNew is { } next)
        {
            // The next execution starts from an empty history with its own id; old activity results and
            // timers addressed to the previous execution id are dropped when they arrive.
            startsNewExecution = true;
            history = [];
            var executionId = Guid.NewGuid().ToString("N");
            state = state with { ExecutionId = executionId, Input = next.Input, Status = OrchestrationRuntimeStatus.Running };
            messages.Add(new OutboundMessage(instance.InstanceId, executionId,
                new HistoryEvent(EventType.ExecutionStarted, now) { Name = instance.Name, Payload = next.Input }, now));
            messages.AddRange(next.Events.Select(e => new OutboundMessage(instance.InstanceId, null,
                new HistoryEvent(EventType.EventRaised, now) { Name = e.Name, Payload = e.Payload }, now)));
        }

        return new OrchestrationCheckpoint
        {
            NewHistory = history,
            ConsumedMessages = item.Messages.Select(m => m.SequenceNumber).ToList(),
            NewTasks = tasks,
            Messages = messages,
            NewInstances = children,
            State = state,
            StartsNewExecution = startsNewExecution,
        };
    }

    // The child's id travels with its result, so a parent that continued as new can tell it is not for this execution.
    private static HistoryEvent ChildResult(ExecutionResult result, string childId, int parentTaskId, DateTime now) =>
        result.Status == OrchestrationRuntimeStatus.Completed
            ? new HistoryEvent(EventType.SubOrchestrationCompleted, now) { TaskScheduledId = parentTaskId, InstanceId = childId, Payload = result.Output }
            : new HistoryEvent(EventType.SubOrchestrationFailed, now)
            {
                TaskScheduledId = parentTaskId,
                InstanceId = childId,
                Failure = result.Failure ?? new TaskFailureDetails("Terminated", $"The sub-orchestration was terminated: {result.Output}"),
            };
}
