using Microsoft.Extensions.Logging;

namespace Durable.Backend.Storage.Postgres;

/// <summary>The PostgreSQL store's log lines, with stable event ids (the dispatcher's are 1xx).</summary>
internal static partial class PostgresLog
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Durable store on PostgreSQL {Database} opened at schema version {Version}")]
    public static partial void Opened(ILogger logger, string database, int version);

    [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "The notification listener lost its connection ({Reason}); reconnecting in {Delay}")]
    public static partial void ListenerLost(ILogger logger, string reason, TimeSpan delay);

    [LoggerMessage(EventId = 202, Level = LogLevel.Information, Message = "The notification listener is listening again; everyone looks for work they may have missed")]
    public static partial void ListenerBack(ILogger logger);

    [LoggerMessage(EventId = 203, Level = LogLevel.Warning, Message = "Could not tell the other backends about {Count} changes ({Reason}); they find the work on their next poll")]
    public static partial void NotifyFailed(ILogger logger, int count, string reason);
}
