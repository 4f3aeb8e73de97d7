using Microsoft.Extensions.Logging;

namespace Durable.Worker;

/// <summary>The engine's log lines, with stable event ids. Every line names the instance it concerns.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Orchestration {InstanceId} ({Name}) finished {Status}")]
    public static partial void OrchestrationFinished(ILogger logger, string instanceId, string name, OrchestrationRuntimeStatus status);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Orchestration {InstanceId} ({Name}) failed: {Reason}")]
    public static partial void OrchestrationFailed(ILogger logger, string instanceId, string name, string reason);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Orchestration {InstanceId}: the lease was lost before the step could be committed; another worker will redo it")]
    public static partial void OrchestrationLeaseLost(ILogger logger, string instanceId);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Error, Message = "Orchestration {InstanceId}: the step could not be processed and will be retried")]
    public static partial void OrchestrationStepError(ILogger logger, string instanceId, Exception exception);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Error, Message = "Orchestration {InstanceId}: {Count} message(s) set aside after {Attempts} attempts: {Reason}")]
    public static partial void OrchestrationMessagesSetAside(ILogger logger, string instanceId, int count, int attempts, string reason);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Activity {Name} (#{TaskId}) of orchestration {InstanceId} failed: {Reason}")]
    public static partial void ActivityFailed(ILogger logger, string name, int taskId, string instanceId, string reason);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Activity {Name} (#{TaskId}) of orchestration {InstanceId}: the lease was lost; its result is discarded and another attempt counts")]
    public static partial void ActivityLeaseLost(ILogger logger, string name, int taskId, string instanceId);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Error, Message = "Activity {Name} (#{TaskId}) of orchestration {InstanceId} set aside after {Attempts} attempts: {Reason}")]
    public static partial void ActivitySetAside(ILogger logger, string name, int taskId, string instanceId, int attempts, string reason);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Error, Message = "Activity {Name} (#{TaskId}) of orchestration {InstanceId}: its result could not be stored and it will run again")]
    public static partial void ActivityCommitError(ILogger logger, string name, int taskId, string instanceId, Exception exception);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Error, Message = "The {Dispatcher} dispatcher could not fetch work; retrying")]
    public static partial void FetchError(ILogger logger, string dispatcher, Exception exception);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Released {Count} lease(s) of the dead worker {Owner}, so its work is redone now rather than when the leases expire")]
    public static partial void DeadWorkerLeasesReleased(ILogger logger, int count, string owner);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Purged {Count} finished orchestration instance(s) older than the retention period")]
    public static partial void AutoPurged(ILogger logger, int count);
}
