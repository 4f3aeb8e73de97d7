using Durable.Runtime;

namespace Durable.Storage.Sqlite;

/// <summary>What the activity dispatcher does: lease tasks, renew leases, store results.</summary>
internal sealed partial class SqliteOrchestrationStore
{
    public Task<IReadOnlyList<ActivityWorkItem>> LockActivitiesAsync(string owner, int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = this.NowMs;
        var expiration = now + (long)lease.TotalMilliseconds;
        var token = $"{owner}:{Guid.NewGuid():N}";
        return this.writer.WriteAsync<IReadOnlyList<ActivityWorkItem>>(scope =>
        {
            // Leasing pushes VisibleAt to the lease's end: a crashed worker's task reappears by itself.
            var command = scope.Command(
                """
                UPDATE NewTasks SET LockedBy = $t, VisibleAt = $exp, DequeueCount = DequeueCount + 1
                WHERE SequenceNumber IN (SELECT SequenceNumber FROM NewTasks WHERE VisibleAt <= $now ORDER BY VisibleAt, SequenceNumber LIMIT $max)
                RETURNING SequenceNumber, InstanceId, ExecutionId, TaskId, Name, Input, DequeueCount, LastError
                """,
                ("$t", token), ("$exp", expiration), ("$now", now), ("$max", max));
            using var reader = command.ExecuteReader();
            var items = new List<ActivityWorkItem>();
            while (reader.Read())
            {
                items.Add(new ActivityWorkItem(
                    token, reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetInt32(6), reader.IsDBNull(7) ? null : reader.GetString(7)));
            }

            items.Sort((a, b) => a.SequenceNumber.CompareTo(b.SequenceNumber));
            return items;
        });
    }

    public Task RenewActivityLeasesAsync(IReadOnlyList<ActivityWorkItem> items, TimeSpan lease, CancellationToken cancellationToken)
    {
        var expiration = this.NowMs + (long)lease.TotalMilliseconds;
        return this.writer.WriteAsync(scope =>
        {
            foreach (var item in items)
            {
                scope.Execute(
                    "UPDATE NewTasks SET VisibleAt = $exp WHERE SequenceNumber = $n AND LockedBy = $t",
                    ("$exp", expiration), ("$n", item.SequenceNumber), ("$t", item.LockToken));
            }

            return true;
        });
    }

    public async Task<bool> CompleteActivityAsync(ActivityWorkItem item, HistoryEvent result, PoisonMessage? setAside, CancellationToken cancellationToken)
    {
        var now = this.NowMs;
        var completed = await this.writer.WriteAsync(scope =>
        {
            // IMPORTANT: delete-then-enqueue in one transaction, guarded by the lease token: a result is
            // either delivered exactly once or, if another worker took the task over, not at all.
            if (scope.Execute("DELETE FROM NewTasks WHERE SequenceNumber = $n AND LockedBy = $t", ("$n", item.SequenceNumber), ("$t", item.LockToken)) == 0)
            {
                return false;
            }

            InsertMessage(scope, item.InstanceId, item.ExecutionId, result, now, now);
            if (setAside is not null)
            {
                scope.Execute(
                    "INSERT INTO PoisonMessages (InstanceId, Kind, Name, Data, Attempts, Reason, SetAsideAt) VALUES ($id, $k, $n, $d, $a, $r, $at)",
                    ("$id", setAside.InstanceId), ("$k", setAside.Kind), ("$n", setAside.Name), ("$d", item.Input), ("$a", setAside.Attempts),
                    ("$r", setAside.Reason), ("$at", now));
            }

            return true;
        });
        if (completed)
        {
            this.Signals.Orchestrations.Set();
        }

        return completed;
    }

    public async Task AbandonActivityAsync(ActivityWorkItem item, string reason, TimeSpan retryAfter, CancellationToken cancellationToken)
    {
        var visibleAt = this.NowMs + (long)retryAfter.TotalMilliseconds;
        await this.writer.WriteAsync(scope => scope.Execute(
            "UPDATE NewTasks SET LockedBy = NULL, VisibleAt = $v, LastError = $e WHERE SequenceNumber = $n AND LockedBy = $t",
            ("$v", visibleAt), ("$e", reason), ("$n", item.SequenceNumber), ("$t", item.LockToken)));
        this.Signals.Activities.Set();
    }
}
