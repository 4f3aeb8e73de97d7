using Google.Protobuf;
using static Durable.Backend.Storage.StoredTime;

namespace Durable.Backend.Storage.Sqlite;

/// <summary>
/// One orchestration step in one transaction, guarded by the lease: a step whose lease expired and was handed on
/// stores nothing and answers false. SQLite's steps always hand the lease back (see <see cref="BackendStore.KeepsLeases"/>).
/// </summary>
internal sealed class SqliteCommit(SqliteDatabase database, TimeProvider clock) : IStepCommits
{
    public async Task<bool> CommitAsync(OrchestrationWorkItem item, OrchestrationCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var (committed, moreWork) = await database.WriteAsync(scope => Commit(scope, item, checkpoint, now));
        if (!committed)
        {
            return false;
        }

        database.Signals.Raise(WakeUps.AfterStep(item, checkpoint, moreWork, leaseKept: false));
        return true;
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
                ("$id", id), ("$x", state.ExecutionId), ("$n", position++), ("$t", e.EventTypeCase.ToString()), ("$d", e.ToByteArray()),
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
                ("$trace", task.TraceContext is null ? null : task.TraceContext.ToByteArray()), ("$now", now));
        }

        foreach (var message in checkpoint.Messages)
        {
            SqliteWrites.InsertMessage(scope, message.InstanceId, message.ExecutionId, message.Event, VisibleAtMs(message.VisibleAt, nowTime), now);
        }

        foreach (var child in checkpoint.NewInstances)
        {
            if (SqliteWrites.CreateInstance(scope, child, replaceable: null).Outcome != CreateOutcome.Created)
            {
                SqliteWrites.InsertMessage(scope, id, state.ExecutionId, StoreRules.ChildRefused(child, nowTime), now, now);
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
                SqliteWrites.InsertMessage(scope, child, null, terminate, now, now);
            }
        }

        foreach (var poison in checkpoint.SetAside)
        {
            SqliteWrites.InsertPoison(scope, poison, null, now);
        }

        scope.Execute(
            """
            UPDATE Instances SET ExecutionId = $x, RuntimeStatus = $status, Input = $input, Output = $output, CustomStatus = $custom,
                FailureDetails = $failure, LastUpdatedAt = $now, CompletedAt = $completed, LockedBy = NULL, LockExpiration = NULL, LastError = NULL
            WHERE InstanceId = $id
            """,
            ("$x", state.ExecutionId), ("$status", state.Status.ToString()), ("$input", state.Input), ("$output", state.Output),
            ("$custom", state.CustomStatus), ("$failure", state.Failure is null ? null : state.Failure.ToByteArray()),
            ("$now", now), ("$completed", state.CompletedAt is { } c ? ToMs(c) : null), ("$id", id));

        var moreWork = scope.Scalar("SELECT EXISTS (SELECT 1 FROM NewEvents WHERE InstanceId = $id AND VisibleAt <= $now)", ("$id", id), ("$now", now));
        return (true, moreWork is long l && l != 0);
    }
}
