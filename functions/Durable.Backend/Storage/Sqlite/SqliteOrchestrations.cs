using static Durable.Backend.Storage.Sqlite.SqliteRows;
using static Durable.Backend.Storage.StoredTime;

namespace Durable.Backend.Storage.Sqlite;

/// <summary>Orchestration work: leasing instances with workable messages, abandoning a step, the next time something becomes workable.</summary>
internal sealed class SqliteOrchestrations(SqliteDatabase database, TimeProvider clock) : IOrchestrationWork
{
    public Task<IReadOnlyList<OrchestrationWorkItem>> LockAsync(string owner, int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var expiration = now + (long)lease.TotalMilliseconds;
        return database.WriteAsync<IReadOnlyList<OrchestrationWorkItem>>(scope =>
        {
            // A Pending instance is workable once its start message is visible (a scheduled start may be later);
            // a Suspended one only for the messages that end the suspension. Everything else waits.
            // IMPORTANT: walk the VisibleAt index and stop at $max distinct instances (oldest due first): a
            // GROUP BY over all visible messages scans the whole backlog on every fetch.
            var ids = new List<string>();
            var select = scope.Command(
                """
                SELECT DISTINCT e.InstanceId FROM NewEvents e INDEXED BY IX_NewEvents_Visible
                JOIN Instances i ON i.InstanceId = e.InstanceId
                WHERE e.VisibleAt <= $now AND (i.LockExpiration IS NULL OR i.LockExpiration <= $now)
                  AND (i.RuntimeStatus <> 'Pending' OR e.EventType IN ('ExecutionStarted', 'ExecutionTerminated'))
                  AND (i.RuntimeStatus <> 'Suspended' OR e.EventType IN ('ExecutionResumed', 'ExecutionTerminated'))
                LIMIT $max
                """,
                ("$now", now), ("$max", max));
            using (var reader = select.ExecuteReader())
            {
                while (reader.Read())
                {
                    ids.Add(reader.GetString(0));
                }
            }

            var items = new List<OrchestrationWorkItem>(ids.Count);
            foreach (var id in ids)
            {
                var token = $"{owner}:{Guid.NewGuid():N}";
                scope.Execute("UPDATE Instances SET LockedBy = $t, LockExpiration = $exp WHERE InstanceId = $id", ("$t", token), ("$exp", expiration), ("$id", id));
                var messages = new List<QueuedMessage>();
                var update = scope.Command(
                    """
                    UPDATE NewEvents SET DequeueCount = DequeueCount + 1 WHERE InstanceId = $id AND VisibleAt <= $now
                    RETURNING SequenceNumber, ExecutionId, Data, DequeueCount
                    """,
                    ("$id", id), ("$now", now));
                using (var reader = update.ExecuteReader())
                {
                    while (reader.Read())
                    {
                        messages.Add(new QueuedMessage(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1), EventFrom(reader, 2), reader.GetInt32(3)));
                    }
                }

                messages.Sort((a, b) => a.SequenceNumber.CompareTo(b.SequenceNumber));
                InstanceRow instance;
                string? lastError;
                using (var reader = scope.Command($"SELECT {InstanceColumns} FROM Instances WHERE InstanceId = $id", ("$id", id)).ExecuteReader())
                {
                    reader.Read();
                    instance = ReadInstance(reader);
                    lastError = LastError(reader);
                }

                var history = ReadEvents(scope.Command(
                    "SELECT Data FROM History WHERE InstanceId = $id AND ExecutionId = $x ORDER BY SequenceNumber", ("$id", id), ("$x", instance.ExecutionId)));
                items.Add(new OrchestrationWorkItem(token, instance, history, messages, lastError));
            }

            return items;
        });
    }

    public async Task<bool> AbandonAsync(OrchestrationWorkItem item, string reason, TimeSpan retryAfter, CancellationToken cancellationToken)
    {
        // The lease is released but held by nobody until the retry time: a backoff, not a hot loop.
        var retryAt = clock.GetUtcNow().ToUnixTimeMilliseconds() + (long)retryAfter.TotalMilliseconds;
        var released = await database.WriteAsync(scope => scope.Execute(
            "UPDATE Instances SET LockedBy = NULL, LockExpiration = $retry, LastError = $e WHERE InstanceId = $id AND LockedBy = $t",
            ("$retry", retryAt), ("$e", reason), ("$id", item.Instance.InstanceId), ("$t", item.LeaseToken)));
        database.Signals.Raise(WakeUps.StepAbandoned);
        return released > 0;
    }

    /// <summary>The earliest future time at which a message, task or expired lease becomes workable.</summary>
    public Task<DateTime?> GetNextWakeUpAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        return database.ReadAsync<DateTime?>(
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = """
                    SELECT MIN(t) FROM (
                        SELECT MIN(VisibleAt) AS t FROM NewEvents WHERE VisibleAt > $now
                        UNION ALL SELECT MIN(VisibleAt) FROM NewTasks WHERE VisibleAt > $now
                        UNION ALL SELECT MIN(LockExpiration) FROM Instances WHERE LockExpiration > $now)
                    """;
                command.Parameters.AddWithValue("$now", now);
                return command.ExecuteScalar() is long ms ? FromMs(ms) : null;
            },
            cancellationToken);
    }
}
