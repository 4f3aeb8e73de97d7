using Microsoft.Extensions.Logging;

namespace Durable.Backend.Dispatch;

/// <summary>The backend's log lines, with stable event ids. They name instances by id only (ids carry no personal data).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Worker {Peer} connected: up to {Orchestrations} orchestration and {Activities} activity work items at once")]
    public static partial void WorkerConnected(ILogger logger, string peer, int orchestrations, int activities);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Worker {Peer} disconnected; {Released} leases handed back at once")]
    public static partial void WorkerDisconnected(ILogger logger, string peer, int released);

    [LoggerMessage(EventId = 110, Level = LogLevel.Warning, Message = "Instance {InstanceId}: {Kind} work item abandoned by the worker (attempt {Attempts}); retried after a backoff")]
    public static partial void Abandoned(ILogger logger, string instanceId, string kind, int attempts);

    [LoggerMessage(EventId = 111, Level = LogLevel.Error, Message = "Instance {InstanceId}: {Reason}")]
    public static partial void SetAside(ILogger logger, string instanceId, string reason);

    [LoggerMessage(EventId = 112, Level = LogLevel.Warning, Message = "Looking for work failed and is retried: {Reason}")]
    public static partial void StoreFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 120, Level = LogLevel.Information, Message = "Purged {Count} instances finished before {Before:o}")]
    public static partial void Purged(ILogger logger, int count, DateTime before);
}
