using Microsoft.Extensions.Logging;

namespace Durable.Backend;

/// <summary>
/// Every log line of the backend in one place, so each event id is given once (LogEventIdTests keeps them unique):
/// 1xx the dispatcher, 2xx the PostgreSQL store. They name instances by id only (ids carry no personal data).
/// </summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Worker {Peer} connected: up to {Orchestrations} orchestration and {Activities} activity work items at once")]
    public static partial void WorkerConnected(this ILogger logger, string peer, int orchestrations, int activities);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Worker {Peer} disconnected; {Released} leases handed back at once")]
    public static partial void WorkerDisconnected(this ILogger logger, string peer, int released);

    [LoggerMessage(EventId = 110, Level = LogLevel.Warning, Message = "Instance {InstanceId}: {Kind} work item abandoned by the worker (attempt {Attempts}); retried after a backoff")]
    public static partial void Abandoned(this ILogger logger, string instanceId, string kind, int attempts);

    [LoggerMessage(EventId = 111, Level = LogLevel.Error, Message = "Instance {InstanceId}: {Reason}")]
    public static partial void SetAside(this ILogger logger, string instanceId, string reason);

    [LoggerMessage(EventId = 112, Level = LogLevel.Warning, Message = "Looking for work failed and is retried: {Reason}")]
    public static partial void StoreFailed(this ILogger logger, string reason);

    [LoggerMessage(EventId = 120, Level = LogLevel.Information, Message = "Purged {Count} instances finished before {Before:o}")]
    public static partial void Purged(this ILogger logger, int count, DateTime before);

    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Durable store on PostgreSQL {Database} opened at schema version {Version}")]
    public static partial void PostgresStoreOpened(this ILogger logger, string database, int version);

    [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "The notification listener lost its connection ({Reason}); reconnecting in {Delay}")]
    public static partial void ListenerLost(this ILogger logger, string reason, TimeSpan delay);

    [LoggerMessage(EventId = 202, Level = LogLevel.Information, Message = "The notification listener is listening again; everyone looks for work they may have missed")]
    public static partial void ListenerBack(this ILogger logger);

    [LoggerMessage(EventId = 203, Level = LogLevel.Warning, Message = "Could not tell the other backends about {Count} changes ({Reason}); they find the work on their next poll")]
    public static partial void NotifyFailed(this ILogger logger, int count, string reason);
}
