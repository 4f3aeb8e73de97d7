using Google.Protobuf.WellKnownTypes;
using P = Microsoft.DurableTask.Protobuf;
using static Durable.Backend.Storage.StoredTime;

namespace Durable.Backend.Storage.Sqlite;

/// <summary>Orchestration work: lease instances with workable messages, commit or abandon a step.</summary>
internal sealed partial class SqliteBackendStore
{
    public Task<IReadOnlyList<OrchestrationWorkItem>> LockOrchestrationsAsync(string owner, int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = this.NowMs;
        var expiration = now + (long)lease.TotalMilliseconds;
        return this.writer.WriteAsync<IReadOnlyList<OrchestrationWorkItem>>(scope =>
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
                    lastError = reader.IsDBNull(14) ? null : reader.GetString(14);
                }

                var history = ReadEvents(scope.Command(
                    "SELECT Data FROM History WHERE InstanceId = $id AND ExecutionId = $x ORDER BY SequenceNumber", ("$id", id), ("$x", instance.ExecutionId)));
                items.Add(new OrchestrationWorkItem(token, instance, history, messages, lastError));
            }

            return items;
        });
    }

    /// <summary>SQLite is in process and commits in groups: a step costs no round trip worth saving.</summary>
    public bool KeepsLeases => false;

    public Task<KeptLease?> CommitAndKeepLeaseAsync(OrchestrationWorkItem item, OrchestrationCheckpoint checkpoint, DateTime leaseUntil, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The SQLite store releases every lease at its step's commit (KeepsLeases is false).");

    public async Task<bool> CommitOrchestrationAsync(OrchestrationWorkItem item, OrchestrationCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        var now = this.Now;
        var (committed, moreWork) = await this.writer.WriteAsync(scope => Commit(scope, item, checkpoint, now));
        if (!committed)
        {
            return false;
        }

        this.Signals.Raise(WakeUps.AfterStep(item, checkpoint, moreWork, leaseKept: false));
        return true;
    }

    public async Task<bool> AbandonOrchestrationAsync(OrchestrationWorkItem item, string reason, TimeSpan retryAfter, CancellationToken cancellationToken)
    {
        // The lease is released but held by nobody until the retry time: a backoff, not a hot loop.
        var retryAt = this.NowMs + (long)retryAfter.TotalMilliseconds;
        var released = await this.writer.WriteAsync(scope => scope.Execute(
            "UPDATE Instances SET LockedBy = NULL, LockExpiration = $retry, LastError = $e WHERE InstanceId = $id AND LockedBy = $t",
            ("$retry", retryAt), ("$e", reason), ("$id", item.Instance.InstanceId), ("$t", item.LeaseToken)));
        this.Signals.Raise(WakeUps.StepAbandoned);
        return released > 0;
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
                return command.ExecuteScalar() is long ms ? FromMs(ms) : null;
            },
            cancellationToken);
    }

    private static (bool Committed, bool MoreWork) Commit(WriteScope scope, OrchestrationWorkItem item, OrchestrationCheckpoint checkpoint, DateTime nowTime)
    {
        var now = ToMs(nowTime);
        var id = item.Instance.InstanceId;
        if (scope.Scalar("SELECT LockedBy FROM Instances WHERE InstanceId = $id", ("$id", id)) as string != item.LeaseToken)
        {
            return (false, false); // The lease expired or was handed on, and another worker took the instance over.
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
                ("$id", id), ("$x", state.ExecutionId), ("$n", position++), ("$t", e.EventTypeCase.ToString()), ("$d", ToBytes(e)),
                ("$ts", e.Timestamp is { } ts ? ToMs(ts.ToDateTime()) : now));
        }

        foreach (var sequenceNumber in checkpoint.ConsumedMessages)
        {
            scope.Execute("DELETE FROM NewEvents WHERE SequenceNumber = $n", ("$n", sequenceNumber));
        }

        foreach (var task in checkpoint.NewTasks)
        {
            scope.Execute(
                """
                INSERT INTO NewTasks (InstanceId, ExecutionId, TaskId, Name, Version, Input, TraceContext, VisibleAt, CreatedAt)
                VALUES ($id, $x, $task, $name, $version, $input, $trace, $now, $now)
                """,
                // IMPORTANT: tasks belong to the execution that scheduled them: after ContinueAsNew their results are dropped.
                ("$id", id), ("$x", item.Instance.ExecutionId), ("$task", task.TaskId), ("$name", task.Name), ("$version", task.Version), ("$input", task.Input),
                ("$trace", task.TraceContext is null ? null : ToBytes(task.TraceContext)), ("$now", now));
        }

        foreach (var message in checkpoint.Messages)
        {
            InsertMessage(scope, message.InstanceId, message.ExecutionId, message.Event, VisibleAtMs(message.VisibleAt, nowTime), now);
        }

        foreach (var child in checkpoint.NewInstances)
        {
            if (CreateInstance(scope, child, replaceable: null).Outcome != CreateOutcome.Created)
            {
                InsertMessage(scope, id, state.ExecutionId, StoreRules.ChildRefused(child, nowTime), now, now);
            }
        }

        foreach (var parent in checkpoint.TerminateChildrenOf)
        {
            var children = new List<string>();
            using (var reader = scope.Command(
                "SELECT InstanceId FROM Instances WHERE ParentInstanceId = $p AND RuntimeStatus NOT IN ('Completed', 'Failed', 'Terminated')", ("$p", parent)).ExecuteReader())
            {
                while (reader.Read())
                {
                    children.Add(reader.GetString(0));
                }
            }

            foreach (var child in children)
            {
                var terminate = StoreRules.TerminatedWithParent(nowTime);
                InsertMessage(scope, child, null, terminate, now, now);
            }
        }

        foreach (var poison in checkpoint.SetAside)
        {
            InsertPoison(scope, poison, null, now);
        }

        scope.Execute(
            """
            UPDATE Instances SET ExecutionId = $x, RuntimeStatus = $status, Input = $input, Output = $output, CustomStatus = $custom,
                FailureDetails = $failure, LastUpdatedAt = $now, CompletedAt = $completed, LockedBy = NULL, LockExpiration = NULL, LastError = NULL
            WHERE InstanceId = $id
            """,
            ("$x", state.ExecutionId), ("$status", state.Status.ToString()), ("$input", state.Input), ("$output", state.Output),
            ("$custom", state.CustomStatus), ("$failure", state.Failure is null ? null : ToBytes(state.Failure)),
            ("$now", now), ("$completed", state.CompletedAt is { } c ? ToMs(c) : null), ("$id", id));

        var moreWork = scope.Scalar("SELECT EXISTS (SELECT 1 FROM NewEvents WHERE InstanceId = $id AND VisibleAt <= $now)", ("$id", id), ("$now", now));
        return (true, moreWork is long l && l != 0);
    }
}
