using Google.Protobuf.WellKnownTypes;
using P = Microsoft.DurableTask.Protobuf;

namespace Durable.Backend.Dispatch;

/// <summary>History events the backend writes itself. Every one carries a UTC timestamp.</summary>
internal static class Events
{
    public static Timestamp Utc(DateTime time) => Timestamp.FromDateTime(DateTime.SpecifyKind(time, DateTimeKind.Utc));

    public static P.HistoryEvent New(DateTime now, int eventId = -1) => new() { EventId = eventId, Timestamp = Utc(now) };

    public static P.HistoryEvent OrchestratorStarted(DateTime now)
    {
        var e = New(now);
        e.OrchestratorStarted = new P.OrchestratorStartedEvent();
        return e;
    }

    public static P.HistoryEvent ExecutionCompleted(DateTime now, int eventId, P.OrchestrationStatus status, string? result, P.TaskFailureDetails? failure)
    {
        var e = New(now, eventId);
        e.ExecutionCompleted = new P.ExecutionCompletedEvent { OrchestrationStatus = status, Result = result, FailureDetails = failure };
        return e;
    }

    public static P.HistoryEvent ExecutionTerminated(DateTime now, string? reason, bool recurse)
    {
        var e = New(now);
        e.ExecutionTerminated = new P.ExecutionTerminatedEvent { Input = reason, Recurse = recurse };
        return e;
    }

    public static P.HistoryEvent EventRaised(DateTime now, string name, string? input)
    {
        var e = New(now);
        e.EventRaised = new P.EventRaisedEvent { Name = name, Input = input };
        return e;
    }

    public static P.HistoryEvent Suspended(DateTime now, string? reason)
    {
        var e = New(now);
        e.ExecutionSuspended = new P.ExecutionSuspendedEvent { Input = reason };
        return e;
    }

    public static P.HistoryEvent Resumed(DateTime now, string? reason)
    {
        var e = New(now);
        e.ExecutionResumed = new P.ExecutionResumedEvent { Input = reason };
        return e;
    }

    public static P.HistoryEvent TaskCompleted(DateTime now, int taskId, string? result)
    {
        var e = New(now);
        e.TaskCompleted = new P.TaskCompletedEvent { TaskScheduledId = taskId, Result = result };
        return e;
    }

    public static P.HistoryEvent TaskFailed(DateTime now, int taskId, P.TaskFailureDetails failure)
    {
        var e = New(now);
        e.TaskFailed = new P.TaskFailedEvent { TaskScheduledId = taskId, FailureDetails = failure };
        return e;
    }

    public static P.TaskFailureDetails Failure(string type, string message, bool nonRetriable = true) =>
        new() { ErrorType = type, ErrorMessage = message, IsNonRetriable = nonRetriable };

}

/// <summary>Between the protocol's statuses and the stored ones.</summary>
internal static class InstanceStatusMapping
{
    public static P.OrchestrationStatus ToProto(Storage.InstanceStatus status) => status switch
    {
        Storage.InstanceStatus.Pending => P.OrchestrationStatus.Pending,
        Storage.InstanceStatus.Running => P.OrchestrationStatus.Running,
        Storage.InstanceStatus.Suspended => P.OrchestrationStatus.Suspended,
        Storage.InstanceStatus.Completed => P.OrchestrationStatus.Completed,
        Storage.InstanceStatus.Failed => P.OrchestrationStatus.Failed,
        Storage.InstanceStatus.Terminated => P.OrchestrationStatus.Terminated,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>The stored status a protocol status filters on; ContinuedAsNew and Canceled are never stored.</summary>
    public static Storage.InstanceStatus? FromProto(P.OrchestrationStatus status) => status switch
    {
        P.OrchestrationStatus.Pending => Storage.InstanceStatus.Pending,
        P.OrchestrationStatus.Running => Storage.InstanceStatus.Running,
        P.OrchestrationStatus.Suspended => Storage.InstanceStatus.Suspended,
        P.OrchestrationStatus.Completed => Storage.InstanceStatus.Completed,
        P.OrchestrationStatus.Failed => Storage.InstanceStatus.Failed,
        P.OrchestrationStatus.Terminated => Storage.InstanceStatus.Terminated,
        _ => null,
    };
}
