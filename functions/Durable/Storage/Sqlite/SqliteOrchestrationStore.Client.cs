using System.Globalization;
using System.Text;
using System.Text.Json;
using Durable.Runtime;
using Microsoft.Data.Sqlite;

namespace Durable.Storage.Sqlite;

/// <summary>What clients do: create instances, send messages, read, query and purge.</summary>
internal sealed partial class SqliteOrchestrationStore
{
    private static readonly string[] FinishedStatuses = ["Completed", "Failed", "Terminated"];

    public async Task<bool> CreateInstanceAsync(NewInstance instance, CancellationToken cancellationToken)
    {
        var created = await this.writer.WriteAsync(scope => CreateInstance(scope, instance));
        if (created)
        {
            this.Signals.Orchestrations.Set();
        }

        return created;
    }

    public async Task SendMessageAsync(string instanceId, HistoryEvent message, CancellationToken cancellationToken)
    {
        var now = this.NowMs;
        await this.writer.WriteAsync(scope =>
        {
            InsertMessage(scope, instanceId, null, message, now, now);
            return true;
        });
        this.Signals.Orchestrations.Set();
    }

    public Task<InstanceState?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken) =>
        this.ReadAsync(
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = $"SELECT {InstanceColumns} FROM Instances WHERE InstanceId = $id";
                command.Parameters.AddWithValue("$id", instanceId);
                return ReadInstance(command);
            },
            cancellationToken);

    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken) =>
        this.ReadAsync<IReadOnlyList<HistoryEvent>>(
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = """
                    SELECT h.Data FROM History h JOIN Instances i ON i.InstanceId = h.InstanceId AND i.ExecutionId = h.ExecutionId
                    WHERE h.InstanceId = $id ORDER BY h.SequenceNumber
                    """;
                command.Parameters.AddWithValue("$id", instanceId);
                return ReadHistory(command);
            },
            cancellationToken);

    public Task<Page<InstanceState>> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken) =>
        this.ReadAsync(
            connection =>
            {
                using var command = connection.CreateCommand();
                var where = new List<string>();
                if (query.Statuses is { Count: > 0 } statuses)
                {
                    where.Add($"RuntimeStatus IN ({string.Join(", ", statuses.Select((_, i) => "$s" + i))})");
                    var i = 0;
                    foreach (var status in statuses)
                    {
                        command.Parameters.AddWithValue("$s" + i++, status.ToString());
                    }
                }

                AddFilter(command, where, query.Name, "Name = $name", "$name");
                AddFilter(command, where, query.InstanceIdPrefix is null ? null : query.InstanceIdPrefix + "%", "InstanceId LIKE $prefix", "$prefix");
                AddFilter(command, where, query.CreatedFrom is { } from ? ToMs(from) : null, "CreatedAt >= $from", "$from");
                AddFilter(command, where, query.CreatedTo is { } to ? ToMs(to) : null, "CreatedAt < $to", "$to");
                if (query.ContinuationToken is { } token)
                {
                    var (createdAt, instanceId) = DecodeToken(token);
                    where.Add("(CreatedAt < $afterCreated OR (CreatedAt = $afterCreated AND InstanceId < $afterId))");
                    command.Parameters.AddWithValue("$afterCreated", createdAt);
                    command.Parameters.AddWithValue("$afterId", instanceId);
                }

                command.CommandText = $"""
                    SELECT {InstanceColumns} FROM Instances
                    {(where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : string.Empty)}
                    ORDER BY CreatedAt DESC, InstanceId DESC LIMIT $limit
                    """;
                command.Parameters.AddWithValue("$limit", query.PageSize + 1);
                var rows = new List<InstanceState>();
                using (var reader = command.ExecuteReader())
                {
                    while (reader.Read())
                    {
                        rows.Add(ReadInstance(reader));
                    }
                }

                string? next = null;
                if (rows.Count > query.PageSize)
                {
                    rows.RemoveAt(rows.Count - 1);
                    next = EncodeToken(ToMs(rows[^1].CreatedAt), rows[^1].InstanceId);
                }

                return new Page<InstanceState>(rows, next);
            },
            cancellationToken);

    public async Task<int> PurgeAsync(string? instanceId, PurgeInstancesFilter? filter, CancellationToken cancellationToken)
    {
        var statuses = filter?.Statuses is { Count: > 0 } s
            ? s.Select(x => x.ToString()).Where(FinishedStatuses.Contains).ToArray()
            : FinishedStatuses;
        if (statuses.Length == 0)
        {
            return 0;
        }

        // Selected inside the write, so an instance restarted meanwhile is not purged.
        return await this.writer.WriteAsync(scope =>
        {
            var where = new List<string> { $"RuntimeStatus IN ({string.Join(", ", statuses.Select(x => $"'{x}'"))})" };
            var parameters = new List<(string, object?)>();
            void Add(object? value, string clause, string name)
            {
                if (value is not null)
                {
                    where.Add(clause);
                    parameters.Add((name, value));
                }
            }

            Add(instanceId, "InstanceId = $id", "$id");
            Add(filter?.CreatedFrom is { } from ? ToMs(from) : null, "CreatedAt >= $from", "$from");
            Add(filter?.CreatedTo is { } to ? ToMs(to) : null, "CreatedAt < $to", "$to");
            Add(filter?.CompletedBefore is { } before ? ToMs(before) : null, "CompletedAt < $before", "$before");
            var selected = $"SELECT InstanceId FROM Instances WHERE {string.Join(" AND ", where)}";
            var args = parameters.ToArray();
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

    /// <summary>Creates the instance row and its start message unless an active instance has the id.</summary>
    private static bool CreateInstance(WriteScope scope, NewInstance instance)
    {
        var existing = scope.Scalar("SELECT RuntimeStatus FROM Instances WHERE InstanceId = $id", ("$id", instance.InstanceId)) as string;
        if (existing is not null && !FinishedStatuses.Contains(existing))
        {
            return false;
        }

        var created = ToMs(instance.CreatedAt);
        if (existing is not null)
        {
            // A finished instance is replaced: its history and leftovers go; events raised for the new run stay.
            scope.Execute("DELETE FROM History WHERE InstanceId = $id", ("$id", instance.InstanceId));
            scope.Execute("DELETE FROM NewTasks WHERE InstanceId = $id", ("$id", instance.InstanceId));
            scope.Execute("DELETE FROM NewEvents WHERE InstanceId = $id AND ExecutionId IS NOT NULL", ("$id", instance.InstanceId));
            scope.Execute("DELETE FROM Instances WHERE InstanceId = $id", ("$id", instance.InstanceId));
        }

        scope.Execute(
            """
            INSERT INTO Instances (InstanceId, ExecutionId, Name, RuntimeStatus, Input, CreatedAt, LastUpdatedAt, ParentInstanceId, ParentTaskId)
            VALUES ($id, $x, $name, 'Pending', $input, $created, $created, $parent, $parentTask)
            """,
            ("$id", instance.InstanceId), ("$x", instance.ExecutionId), ("$name", instance.Name), ("$input", instance.Input),
            ("$created", created), ("$parent", instance.ParentInstanceId), ("$parentTask", instance.ParentTaskId));
        var started = new HistoryEvent(EventType.ExecutionStarted, instance.CreatedAt)
        {
            Name = instance.Name,
            Payload = instance.Input,
            InstanceId = instance.ParentInstanceId,
            ParentTaskId = instance.ParentTaskId,
        };
        InsertMessage(scope, instance.InstanceId, instance.ExecutionId, started, VisibleAtMs(instance.VisibleAt, instance.CreatedAt), created);
        return true;
    }

    private static void AddFilter(SqliteCommand command, List<string> where, object? value, string clause, string name)
    {
        if (value is not null)
        {
            where.Add(clause);
            command.Parameters.AddWithValue(name, value);
        }
    }

    private static string EncodeToken(long createdAt, string instanceId) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new[] { createdAt.ToString(CultureInfo.InvariantCulture), instanceId })));

    private static (long CreatedAt, string InstanceId) DecodeToken(string token)
    {
        try
        {
            var parts = JsonSerializer.Deserialize<string[]>(Encoding.UTF8.GetString(Convert.FromBase64String(token)))!;
            return (long.Parse(parts[0], CultureInfo.InvariantCulture), parts[1]);
        }
        catch (Exception e) when (e is FormatException or JsonException or IndexOutOfRangeException or NullReferenceException)
        {
            throw new ArgumentException("The continuation token is not one this store issued.", nameof(token), e);
        }
    }
}
