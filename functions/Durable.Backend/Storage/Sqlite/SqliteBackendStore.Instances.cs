using Microsoft.Data.Sqlite;
using P = Microsoft.DurableTask.Protobuf;
using static Durable.Backend.Storage.StoredTime;

namespace Durable.Backend.Storage.Sqlite;

/// <summary>What clients do: create instances, send messages, read, query and purge.</summary>
internal sealed partial class SqliteBackendStore
{
    public async Task<CreateResult> CreateInstanceAsync(NewInstance instance, IReadOnlyCollection<InstanceStatus>? replaceable, CancellationToken cancellationToken)
    {
        var result = await this.writer.WriteAsync(scope => CreateInstance(scope, instance, replaceable));
        if (result.Outcome == CreateOutcome.Created)
        {
            this.Signals.Raise(WakeUps.InstanceCreated(instance.InstanceId));
        }

        return result;
    }

    public async Task SendMessageAsync(string instanceId, P.HistoryEvent message, CancellationToken cancellationToken)
    {
        var now = this.NowMs;
        await this.writer.WriteAsync(scope =>
        {
            InsertMessage(scope, instanceId, null, message, now, now);
            return true;
        });
        this.Signals.Raise(WakeUps.MessageQueued);
    }

    public Task<InstanceRow?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken) =>
        this.ReadAsync(
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = $"SELECT {InstanceColumns} FROM Instances WHERE InstanceId = $id";
                command.Parameters.AddWithValue("$id", instanceId);
                return ReadInstance(command);
            },
            cancellationToken);

    public Task<IReadOnlyList<P.HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken) =>
        this.ReadAsync<IReadOnlyList<P.HistoryEvent>>(
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = """
                    SELECT h.Data FROM History h JOIN Instances i ON i.InstanceId = h.InstanceId AND i.ExecutionId = h.ExecutionId
                    WHERE h.InstanceId = $id ORDER BY h.SequenceNumber
                    """;
                command.Parameters.AddWithValue("$id", instanceId);
                return ReadEvents(command);
            },
            cancellationToken);

    public Task<InstancePage> QueryInstancesAsync(InstanceFilter filter, int pageSize, string? continuationToken, CancellationToken cancellationToken) =>
        this.ReadAsync(
            connection =>
            {
                var (where, parameters) = SqliteInstanceSelection.Sql(InstanceSelection.ForQuery(filter, continuationToken));
                using var command = connection.CreateCommand();
                command.CommandText = $"""
                    SELECT {InstanceColumns} FROM Instances
                    {where}
                    ORDER BY CreatedAt, InstanceId LIMIT $limit
                    """;
                foreach (var (name, value) in parameters)
                {
                    command.Parameters.AddWithValue(name, value);
                }

                command.Parameters.AddWithValue("$limit", pageSize + 1);
                var rows = new List<InstanceRow>();
                using (var reader = command.ExecuteReader())
                {
                    while (reader.Read())
                    {
                        rows.Add(ReadInstance(reader));
                    }
                }

                return InstanceSelection.Page(rows, pageSize);
            },
            cancellationToken);

    public async Task<int> PurgeAsync(string? instanceId, InstanceFilter? filter, CancellationToken cancellationToken)
    {
        if (InstanceSelection.ForPurge(instanceId, filter) is not { } selection)
        {
            return 0;
        }

        // Selected inside the write, so an instance restarted meanwhile is not purged.
        var (where, args) = SqliteInstanceSelection.Sql(selection);
        return await this.writer.WriteAsync(scope =>
        {
            var selected = $"SELECT InstanceId FROM Instances {where}";
            scope.Execute($"DELETE FROM History WHERE InstanceId IN ({selected})", args);
            scope.Execute($"DELETE FROM NewEvents WHERE InstanceId IN ({selected})", args);
            scope.Execute($"DELETE FROM NewTasks WHERE InstanceId IN ({selected})", args);
            scope.Execute($"DELETE FROM PoisonMessages WHERE InstanceId IN ({selected})", args);
            return scope.Execute($"DELETE FROM Instances WHERE InstanceId IN ({selected})", args);
        });
    }

    public Task<IReadOnlyList<PoisonMessage>> GetPoisonMessagesAsync(string? instanceId, CancellationToken cancellationToken) =>
        this.ReadAsync<IReadOnlyList<PoisonMessage>>(
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = $"""
                    SELECT InstanceId, Kind, Name, Attempts, Reason, SetAsideAt FROM PoisonMessages
                    {(instanceId is null ? string.Empty : "WHERE InstanceId = $id")} ORDER BY Id DESC LIMIT 1000
                    """;
                command.Parameters.AddWithValue("$id", (object?)instanceId ?? DBNull.Value);
                using var reader = command.ExecuteReader();
                var list = new List<PoisonMessage>();
                while (reader.Read())
                {
                    list.Add(new PoisonMessage(
                        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetString(4), FromMs(reader.GetInt64(5))));
                }

                return list;
            },
            cancellationToken);

    public Task<(long Orchestrations, long Activities)> GetBacklogAsync(CancellationToken cancellationToken)
    {
        var now = this.NowMs;
        return this.ReadAsync(
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT (SELECT COUNT(*) FROM NewEvents WHERE VisibleAt <= $now), (SELECT COUNT(*) FROM NewTasks WHERE VisibleAt <= $now)";
                command.Parameters.AddWithValue("$now", now);
                using var reader = command.ExecuteReader();
                reader.Read();
                return (reader.GetInt64(0), reader.GetInt64(1));
            },
            cancellationToken);
    }

    /// <summary>
    /// Creates the instance row and its start message. IMPORTANT: an instance that is pending, running or
    /// suspended is never replaced; a finished one only when the caller's reuse policy allows its status.
    /// </summary>
    private static CreateResult CreateInstance(WriteScope scope, NewInstance instance, IReadOnlyCollection<InstanceStatus>? replaceable)
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
}
