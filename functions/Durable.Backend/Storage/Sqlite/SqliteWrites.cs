using Google.Protobuf;
using P = Microsoft.DurableTask.Protobuf;
using static Durable.Backend.Storage.StoredTime;

namespace Durable.Backend.Storage.Sqlite;

/// <summary>Writes shared by clients and orchestration steps: creating an instance, queueing a message, setting aside poison.</summary>
internal static class SqliteWrites
{
    /// <summary>
    /// Creates the instance row and its start message. IMPORTANT: an instance that is pending, running or
    /// suspended is never replaced; a finished one only when the caller's reuse policy allows its status.
    /// </summary>
    public static CreateResult CreateInstance(WriteScope scope, NewInstance instance, IReadOnlyCollection<InstanceStatus>? replaceable)
    {
        var existing = scope.Scalar("SELECT RuntimeStatus FROM Instances WHERE InstanceId = $id", ("$id", instance.InstanceId)) as string;
        if (existing is not null)
        {
            var status = System.Enum.Parse<InstanceStatus>(existing);
            var finished = StoreRules.FinishedStatuses.Contains(existing);
            if (!finished || (replaceable is not null && !replaceable.Contains(status)))
            {
                return new CreateResult(CreateOutcome.AlreadyExists, status);
            }

            // A finished instance is replaced: its history and leftovers go; events raised for the new run stay.
            scope.Execute("DELETE FROM History WHERE InstanceId = $id", ("$id", instance.InstanceId));
            scope.Execute("DELETE FROM NewTasks WHERE InstanceId = $id", ("$id", instance.InstanceId));
            scope.Execute("DELETE FROM NewEvents WHERE InstanceId = $id AND ExecutionId IS NOT NULL", ("$id", instance.InstanceId));
            scope.Execute("DELETE FROM Instances WHERE InstanceId = $id", ("$id", instance.InstanceId));
        }

        var created = ToMs(instance.CreatedAt);
        scope.Execute(
            """
            INSERT INTO Instances (InstanceId, ExecutionId, Name, Version, RuntimeStatus, Input, CreatedAt, LastUpdatedAt, ScheduledStartAt, ParentInstanceId)
            VALUES ($id, $x, $name, $version, 'Pending', $input, $created, $created, $start, $parent)
            """,
            ("$id", instance.InstanceId), ("$x", instance.ExecutionId), ("$name", instance.Name), ("$version", instance.Version), ("$input", instance.Input),
            ("$created", created), ("$start", instance.ScheduledStartAt is { } at ? ToMs(at) : null),
            ("$parent", instance.Parent?.OrchestrationInstance?.InstanceId));
        var e = StoreRules.StartMessage(instance);
        var visibleAt = VisibleAtMs(instance.ScheduledStartAt ?? instance.CreatedAt, instance.CreatedAt);
        InsertMessage(scope, instance.InstanceId, instance.ExecutionId, e, visibleAt, created);
        return new CreateResult(CreateOutcome.Created);
    }

    /// <summary>Inserts a message row; the caller raises the matching signal after the commit.</summary>
    public static void InsertMessage(WriteScope scope, string instanceId, string? executionId, P.HistoryEvent e, long visibleAt, long now) =>
        scope.Execute(
            "INSERT INTO NewEvents (InstanceId, ExecutionId, EventType, Data, VisibleAt, CreatedAt) VALUES ($i, $x, $t, $d, $v, $c)",
            ("$i", instanceId), ("$x", executionId), ("$t", e.EventTypeCase.ToString()), ("$d", e.ToByteArray()), ("$v", visibleAt), ("$c", now));

    public static void InsertPoison(WriteScope scope, PoisonMessage poison, byte[]? data, long now) =>
        scope.Execute(
            "INSERT INTO PoisonMessages (InstanceId, Kind, Name, Data, Attempts, Reason, SetAsideAt) VALUES ($id, $k, $n, $d, $a, $r, $at)",
            ("$id", poison.InstanceId), ("$k", poison.Kind), ("$n", poison.Name), ("$d", data), ("$a", poison.Attempts), ("$r", poison.Reason), ("$at", now));
}
