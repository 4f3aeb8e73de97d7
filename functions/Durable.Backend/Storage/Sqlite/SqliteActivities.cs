using P = Microsoft.DurableTask.Protobuf;

namespace Durable.Backend.Storage.Sqlite;

/// <summary>Activity work: lease tasks, store results, hand tasks back.</summary>
internal sealed class SqliteActivities(SqliteDatabase database, TimeProvider clock) : IActivityWork
{
    public Task<IReadOnlyList<ActivityWorkItem>> LockAsync(string owner, int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var expiration = now + (long)lease.TotalMilliseconds;
        return database.WriteAsync<IReadOnlyList<ActivityWorkItem>>(scope =>
        {
            // Leasing pushes VisibleAt to the lease's end: a task whose worker vanished reappears by itself.
            // Each lease gets its own token (owner, task, attempt), which is the completion token the worker sends back.
            var command = scope.Command(
                """
                UPDATE NewTasks SET LockedBy = $owner || ':' || SequenceNumber || ':' || (DequeueCount + 1), VisibleAt = $exp, DequeueCount = DequeueCount + 1
                WHERE SequenceNumber IN (SELECT SequenceNumber FROM NewTasks WHERE VisibleAt <= $now ORDER BY VisibleAt, SequenceNumber LIMIT $max)
                RETURNING LockedBy, SequenceNumber, InstanceId, ExecutionId, TaskId, Name, Version, Input, DequeueCount, LastError, TraceContext
                """,
                ("$owner", owner), ("$exp", expiration), ("$now", now), ("$max", max));
            using var reader = command.ExecuteReader();
            var items = new List<ActivityWorkItem>();
            while (reader.Read())
            {
                items.Add(new ActivityWorkItem(
                    reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4), reader.GetString(5),
                    reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7), reader.GetInt32(8),
                    reader.IsDBNull(9) ? null : reader.GetString(9),
                    reader.IsDBNull(10) ? null : P.TraceContext.Parser.ParseFrom((byte[])reader.GetValue(10))));
            }

            items.Sort((a, b) => a.SequenceNumber.CompareTo(b.SequenceNumber));
            return items;
        });
    }

    public async Task<bool> CompleteAsync(ActivityWorkItem item, P.HistoryEvent result, PoisonMessage? setAside, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var completed = await database.WriteAsync(scope =>
        {
            // IMPORTANT: delete-then-enqueue in one transaction, guarded by the lease token: a result is
            // either delivered exactly once or, if the task was handed to another worker, not at all.
            if (scope.Execute("DELETE FROM NewTasks WHERE SequenceNumber = $n AND LockedBy = $t", ("$n", item.SequenceNumber), ("$t", item.LeaseToken)) == 0)
            {
                return false;
            }

            SqliteWrites.InsertMessage(scope, item.InstanceId, item.ExecutionId, result, now, now);
            if (setAside is not null)
            {
                SqliteWrites.InsertPoison(scope, setAside, item.Input is null ? null : System.Text.Encoding.UTF8.GetBytes(item.Input), now);
            }

            return true;
        });
        if (completed)
        {
            database.Signals.Raise(WakeUps.MessageQueued);
        }

        return completed;
    }

    public async Task<bool> AbandonAsync(ActivityWorkItem item, string reason, TimeSpan retryAfter, CancellationToken cancellationToken)
    {
        var visibleAt = clock.GetUtcNow().ToUnixTimeMilliseconds() + (long)retryAfter.TotalMilliseconds;
        var released = await database.WriteAsync(scope => scope.Execute(
            "UPDATE NewTasks SET LockedBy = NULL, VisibleAt = $v, LastError = $e WHERE SequenceNumber = $n AND LockedBy = $t",
            ("$v", visibleAt), ("$e", reason), ("$n", item.SequenceNumber), ("$t", item.LeaseToken)));
        database.Signals.Raise(WakeUps.TaskAbandoned);
        return released > 0;
    }
}
