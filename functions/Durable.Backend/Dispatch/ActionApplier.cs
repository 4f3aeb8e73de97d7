using Durable.Backend.Storage;
using P = Microsoft.DurableTask.Protobuf;

namespace Durable.Backend.Dispatch;

/// <summary>
/// Turns the actions an orchestrator step returned into history and new work: what DurableTask.Core's
/// dispatcher does for Durable Functions, here as one pure function so one transaction can store it.
/// </summary>
internal static class ActionApplier
{
    public static OrchestrationCheckpoint Apply(
        OrchestrationWorkItem item, StepPlan plan, IReadOnlyList<P.OrchestratorAction> actions, string? customStatus, DateTime now)
    {
        var instance = item.Instance;
        var history = new List<P.HistoryEvent>(plan.NewEvents);
        var tasks = new List<ActivityRequest>();
        var messages = new List<OutboundMessage>();
        var children = new List<NewInstance>();
        var status = StatusAfter(instance.Status, plan.NewEvents);
        var state = instance with { Status = status, CustomStatus = customStatus, LastUpdatedAt = now };
        var startsNewExecution = false;

        foreach (var action in actions)
        {
            switch (action.OrchestratorActionTypeCase)
            {
                case P.OrchestratorAction.OrchestratorActionTypeOneofCase.ScheduleTask:
                    var task = action.ScheduleTask;
                    var scheduled = Events.New(now, action.Id);
                    scheduled.TaskScheduled = new P.TaskScheduledEvent { Name = task.Name, Version = task.Version, Input = task.Input, ParentTraceContext = task.ParentTraceContext };
                    scheduled.TaskScheduled.Tags.Add(task.Tags);
                    history.Add(scheduled);
                    tasks.Add(new ActivityRequest(action.Id, task.Name, task.Version, task.Input, task.ParentTraceContext));
                    break;

                case P.OrchestratorAction.OrchestratorActionTypeOneofCase.CreateTimer:
                    var fireAt = action.CreateTimer.FireAt;
                    var created = Events.New(now, action.Id);
                    created.TimerCreated = new P.TimerCreatedEvent { FireAt = fireAt };
                    history.Add(created);
                    var fired = Events.New(now);
                    fired.TimerFired = new P.TimerFiredEvent { FireAt = fireAt, TimerId = action.Id };
                    // IMPORTANT: visible at its due time, never earlier (the store rounds up to the millisecond).
                    messages.Add(new OutboundMessage(instance.InstanceId, instance.ExecutionId, fired, fireAt.ToDateTime()));
                    break;

                case P.OrchestratorAction.OrchestratorActionTypeOneofCase.CreateSubOrchestration:
                    var sub = action.CreateSubOrchestration;
                    var childId = string.IsNullOrEmpty(sub.InstanceId) ? $"{instance.InstanceId}:{action.Id:x4}" : sub.InstanceId;
                    var subCreated = Events.New(now, action.Id);
                    subCreated.SubOrchestrationInstanceCreated = new P.SubOrchestrationInstanceCreatedEvent
                    {
                        InstanceId = childId, Name = sub.Name, Version = sub.Version, Input = sub.Input, ParentTraceContext = sub.ParentTraceContext,
                    };
                    history.Add(subCreated);
                    var parent = new P.ParentInstanceInfo
                    {
                        TaskScheduledId = action.Id,
                        Name = instance.Name,
                        Version = instance.Version,
                        OrchestrationInstance = new P.OrchestrationInstance { InstanceId = instance.InstanceId, ExecutionId = instance.ExecutionId },
                    };
                    children.Add(new NewInstance(childId, NewExecutionId(), sub.Name, sub.Version, sub.Input, now, null, parent, sub.Tags, sub.ParentTraceContext));
                    break;

                case P.OrchestratorAction.OrchestratorActionTypeOneofCase.SendEvent:
                    var send = action.SendEvent;
                    var sent = Events.New(now, action.Id);
                    sent.EventSent = new P.EventSentEvent { InstanceId = send.Instance.InstanceId, Name = send.Name, Input = send.Data };
                    history.Add(sent);
                    messages.Add(new OutboundMessage(send.Instance.InstanceId, null, Events.EventRaised(now, send.Name, send.Data), now));
                    break;

                case P.OrchestratorAction.OrchestratorActionTypeOneofCase.TerminateOrchestration:
                    var terminate = action.TerminateOrchestration;
                    messages.Add(new OutboundMessage(terminate.InstanceId, null, Events.ExecutionTerminated(now, terminate.Reason, terminate.Recurse), now));
                    break;

                case P.OrchestratorAction.OrchestratorActionTypeOneofCase.CompleteOrchestration:
                    var complete = action.CompleteOrchestration;
                    if (complete.OrchestrationStatus == P.OrchestrationStatus.ContinuedAsNew)
                    {
                        // A fresh execution: its start (new input) and the carried-over events are its first messages.
                        var executionId = NewExecutionId();
                        var start = Events.New(now);
                        start.ExecutionStarted = StartedEvent(item, plan)?.Clone() ?? new P.ExecutionStartedEvent { Name = instance.Name };
                        start.ExecutionStarted.Input = complete.Result;
                        start.ExecutionStarted.Version = complete.NewVersion ?? start.ExecutionStarted.Version;
                        start.ExecutionStarted.OrchestrationInstance = new P.OrchestrationInstance { InstanceId = instance.InstanceId, ExecutionId = executionId };
                        start.ExecutionStarted.ScheduledStartTimestamp = null;
                        messages.Add(new OutboundMessage(instance.InstanceId, executionId, start, now));
                        messages.AddRange(complete.CarryoverEvents.Select(e => new OutboundMessage(instance.InstanceId, executionId, e, now)));
                        state = state with { ExecutionId = executionId, Input = complete.Result, Output = null, Failure = null, Status = InstanceStatus.Running };
                        startsNewExecution = true;
                    }
                    else
                    {
                        var finalStatus = complete.OrchestrationStatus switch
                        {
                            P.OrchestrationStatus.Completed => InstanceStatus.Completed,
                            P.OrchestrationStatus.Terminated => InstanceStatus.Terminated,
                            _ => InstanceStatus.Failed,
                        };
                        history.Add(Events.ExecutionCompleted(now, action.Id, complete.OrchestrationStatus, complete.Result, complete.FailureDetails));
                        state = state with { Status = finalStatus, Output = complete.Result, Failure = complete.FailureDetails, CompletedAt = now };
                        if (StartedEvent(item, plan)?.ParentInstance is { } parentInfo)
                        {
                            messages.Add(ResultForParent(parentInfo, finalStatus, complete.Result, complete.FailureDetails, now));
                        }
                    }

                    break;

                default:
                    throw new NotSupportedException($"The orchestrator action {action.OrchestratorActionTypeCase} is not supported by this backend (entities are not).");
            }
        }

        // The old execution's history goes at ContinueAsNew; the actions' side effects (tasks, events, children) still happen.
        return new OrchestrationCheckpoint
        {
            NewHistory = startsNewExecution ? [] : history,
            ConsumedMessages = plan.Consumed,
            NewTasks = tasks,
            Messages = messages,
            NewInstances = children,
            State = state,
            StartsNewExecution = startsNewExecution,
        };
    }

    /// <summary>The message that tells a parent its sub-orchestration ended.</summary>
    public static OutboundMessage ResultForParent(P.ParentInstanceInfo parent, InstanceStatus status, string? output, P.TaskFailureDetails? failure, DateTime now)
    {
        var e = Events.New(now);
        if (status == InstanceStatus.Completed)
        {
            e.SubOrchestrationInstanceCompleted = new P.SubOrchestrationInstanceCompletedEvent { TaskScheduledId = parent.TaskScheduledId, Result = output };
        }
        else
        {
            e.SubOrchestrationInstanceFailed = new P.SubOrchestrationInstanceFailedEvent
            {
                TaskScheduledId = parent.TaskScheduledId,
                FailureDetails = failure ?? Events.Failure("DurableBackend.Terminated", $"The sub-orchestration was terminated: {output}"),
            };
        }

        var instance = parent.OrchestrationInstance;
        return new OutboundMessage(instance.InstanceId, instance.ExecutionId, e, now);
    }

    private static P.ExecutionStartedEvent? StartedEvent(OrchestrationWorkItem item, StepPlan plan) =>
        item.History.Concat(plan.NewEvents).Select(e => e.ExecutionStarted).FirstOrDefault(s => s is not null);

    /// <summary>Suspend and resume are history events; the last one delivered decides.</summary>
    private static InstanceStatus StatusAfter(InstanceStatus before, IReadOnlyList<P.HistoryEvent> delivered)
    {
        var status = before == InstanceStatus.Pending ? InstanceStatus.Running : before;
        foreach (var e in delivered)
        {
            status = e.EventTypeCase switch
            {
                P.HistoryEvent.EventTypeOneofCase.ExecutionSuspended => InstanceStatus.Suspended,
                P.HistoryEvent.EventTypeOneofCase.ExecutionResumed => InstanceStatus.Running,
                _ => status,
            };
        }

        return status;
    }

    public static string NewExecutionId() => Guid.NewGuid().ToString("N");
}
