using System.Text.Json;
using Durable.Runtime;

namespace Durable.Storage.Sqlite;

/// <summary>What the orchestration dispatcher does: lease instances with messages, commit steps.</summary>
internal sealed partial class SqliteOrchestrationStore
{
    public Task<IReadOnlyList<OrchestrationWorkItem>> LockOrchestrationsAsync(
        string owner, int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = this.NowMs;
        var expiration = now + (long)lease.TotalMilliseconds;
        return this.writer.WriteAsync<IReadOnlyList<OrchestrationWorkItem>>(scope =>
        {
            // A Pending instance is only workable once its start message is visible (StartAt may be later).
            // IMPORTANT: walk the VisibleAt index and stop at $max distinct instances (oldest due first): a
            // GROUP BY over all visible messages scans the whole backlog on every fetch (68 ms at 100 000).
            var ids = new List<string>();
            var select = scope.Command(
                """
                SELECT DISTINCT e.InstanceId FROM NewEvents e INDEXED BY IX_NewEvents_Visible
                JOIN Instances i ON i.InstanceId = e.InstanceId
                WHERE e.VisibleAt <= $now AND (i.LockExpiration IS NULL OR i.LockExpiration <= $now)
                  AND (i.RuntimeStatus <> 'Pending' OR e.EventType = 'ExecutionStarted')
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
                        messages.Add(new QueuedMessage(
                            reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1), FromJson(reader.GetString(2)), reader.GetInt32(3)));
                    }
                }

                messages.Sort((a, b) => a.SequenceNumber.CompareTo(b.SequenceNumber));
                string? lastError;
                InstanceState instance;
                var command = scope.Command($"SELECT {InstanceColumns} FROM Instances WHERE InstanceId = $id", ("$id", id));
                using (var reader = command.ExecuteReader())
                {
                    reader.Read();
                    instance = ReadInstance(reader);
                    lastError = reader.IsDBNull(13) ? null : reader.GetString(13);
                }

                var history = scope.Command(
                    "SELECT Data FROM History WHERE InstanceId = $id AND ExecutionId = $x ORDER BY SequenceNumber", ("$id", id), ("$x", instance.ExecutionId));
                items.Add(new OrchestrationWorkItem(token, instance, ReadHistory(history), messages, lastError));
            }

            return items;
        });
    }

    public async Task<bool> CommitOrchestrationAsync(OrchestrationWorkItem item, OrchestrationCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        var now = this.clock.GetUtcNow().UtcDateTime;
        var (committed, moreWork) = await this.writer.WriteAsync(scope => Commit(scope, item, checkpoint, now));
        if (!committed)
        {
            return false;
        }

        if (checkpoint.NewTasks.Count > 0)
        {
            this.Signals.Activities.Set();
        }

        if (moreWork || checkpoint.Messages.Count > 0 || checkpoint.NewInstances.Count > 0)
        {
            this.Signals.Orchestrations.Set();
        }

        if (checkpoint.State.Status != item.Instance.Status || checkpoint.State.IsTerminal)
        {
            this.Signals.NotifyInstanceChanged(item.Instance.InstanceId);
        }

        return true;
    }

    public Task AbandonOrchestrationAsync(OrchestrationWorkItem item, string reason, TimeSpan retryAfter, CancellationToken cancellationToken)
    {
        // The lease is released but stays "held" by nobody until the retry time: a backoff, not a hot loop.
        var retryAt = this.NowMs + (long)retryAfter.TotalMilliseconds;
        return this.writer.WriteAsync(scope => scope.Execute(
            "UPDATE Instances SET LockedBy = NULL, LockExpiration = $retry, LastError = $e WHERE InstanceId = $id AND LockedBy = $t",
            ("$retry", retryAt), ("$e", reason), ("$id", item.Instance.InstanceId), ("$t", item.LockToken)));
    }

    public Task<DateTime?> GetNextWakeUpAsync(CancellationToken cancellationToken)
    {
        var now = this.NowMs;
        return this.ReadAsync<DateTime?>(
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
                var value = command.ExecuteScalar();
                return value is long ms ? FromMs(ms) : null;
            },
            cancellationToken);
    }

    private static (bool Committed, bool MoreWork) Commit(WriteScope scope, OrchestrationWorkItem item, OrchestrationCheckpoint checkpoint, DateTime nowTime)
    {
        var now = ToMs(nowTime);
        var id = item.Instance.InstanceId;
        if (scope.Scalar("SELECT LockedBy FROM Instances WHERE InstanceId = $id", ("$id", id)) as string != item.LockToken)
        {
            return (false, false); // The lease expired and another worker took the instance over.
        }

        var state = checkpoint.State;
        if (checkpoint.StartsNewExecution)
        {
            scope.Execute("DELETE FROM History WHERE InstanceId = $id", ("$id", id));
        }

        var position = checkpoint.StartsNewExecution ? 0 : item.History.Count;
        foreach (var e in checkpoint.NewHistory)
        {
            scope.Execute(
                "INSERT INTO History (InstanceId, ExecutionId, SequenceNumber, EventType, Data, Timestamp) VALUES ($id, $x, $n, $t, $d, $ts)",
                ("$id", id), ("$x", state.ExecutionId), ("$n", position++), ("$t", e.Type.ToString()), ("$d", ToJson(e)), ("$ts", ToMs(e.Timestamp)));
        }

        foreach (var sequenceNumber in checkpoint.ConsumedMessages)
        {
            scope.Execute("DELETE FROM NewEvents WHERE SequenceNumber = $n", ("$n", sequenceNumber));
        }

        foreach (var task in checkpoint.NewTasks)
        {
            scope.Execute(
                "INSERT INTO NewTasks (InstanceId, ExecutionId, TaskId, Name, Input, VisibleAt, CreatedAt) VALUES ($id, $x, $task, $name, $input, $now, $now)",
                ("$id", id), ("$x", state.ExecutionId), ("$task", task.TaskId), ("$name", task.Name), ("$input", task.Input), ("$now", now));
        }

        foreach (var message in checkpoint.Messages)
        {
            InsertMessage(scope, message.InstanceId, message.ExecutionId, message.Event, Math.Max(VisibleAtMs(message.VisibleAt, nowTime), 0), now);
        }

        foreach (var child in checkpoint.NewInstances)
        {
            if (!CreateInstance(scope, child))
            {
                // An active instance already has the child's id: the parent's task fails rather than waiting forever.
                var refused = new HistoryEvent(EventType.SubOrchestrationFailed, FromMs(now))
                {
                    TaskScheduledId = child.ParentTaskId ?? -1,
                    Failure = new TaskFailureDetails(
                        typeof(InvalidOperationException).FullName!, $"An orchestration instance with the id '{child.InstanceId}' is already active."),
                };
                InsertMessage(scope, id, state.ExecutionId, refused, now, now);
            }
        }

        foreach (var poison in checkpoint.SetAside)
        {
            scope.Execute(
                "INSERT INTO PoisonMessages (InstanceId, Kind, Name, Attempts, Reason, SetAsideAt) VALUES ($id, $k, $n, $a, $r, $at)",
                ("$id", poison.InstanceId), ("$k", poison.Kind), ("$n", poison.Name), ("$a", poison.Attempts), ("$r", poison.Reason), ("$at", now));
        }

        scope.Execute(
            """
            UPDATE Instances SET ExecutionId = $x, RuntimeStatus = $status, Input = $input, Output = $output, CustomStatus = $custom,
                FailureDetails = $failure, LastUpdatedAt = $now, CompletedAt = $completed, LockedBy = NULL, LockExpiration = NULL, LastError = NULL
            WHERE InstanceId = $id
            """,
            ("$x", state.ExecutionId), ("$status", state.Status.ToString()), ("$input", state.Input), ("$output", state.Output),
            ("$custom", state.CustomStatus), ("$failure", state.Failure is null ? null : JsonSerializer.Serialize(state.Failure, DurableJson.Options)),
            ("$now", now), ("$completed", state.CompletedAt is { } c ? ToMs(c) : null), ("$id", id));

        var moreWork = scope.Scalar("SELECT EXISTS (SELECT 1 FROM NewEvents WHERE InstanceId = $id AND VisibleAt <= $now)", ("$id", id), ("$now", now));
        return (true, moreWork is long l && l != 0);
    }
}
