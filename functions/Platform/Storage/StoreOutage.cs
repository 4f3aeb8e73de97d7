using Microsoft.Data.Sqlite;
using Npgsql;

namespace Platform.Storage;

/// <summary>
/// The one rule for "a store cannot be reached right now" rather than a bug, on either provider: the stores, the
/// request handling (503 with Retry-After instead of 500) and the durable backend (gRPC Unavailable, which the SDK's
/// worker retries) all ask it.
/// </summary>
public static class StoreOutage
{
    /// <summary>True for an unreachable, overloaded or locked database: the exception itself or one inside it.</summary>
    public static bool IsOutage(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e switch
            {
                // No answer at all (refused, reset, timed out, pool exhausted), or the server says it is going away or overloaded.
                PostgresException server => server.IsTransient || server.SqlState.StartsWith("08", StringComparison.Ordinal) || server.SqlState.StartsWith("57P", StringComparison.Ordinal),
                NpgsqlException => true,
                // Busy, locked, I/O error, disk full, cannot open.
                SqliteException { SqliteErrorCode: 5 or 6 or 10 or 13 or 14 } => true,
                TimeoutException => true,
                _ => false,
            })
            {
                return true;
            }
        }

        return false;
    }
}
