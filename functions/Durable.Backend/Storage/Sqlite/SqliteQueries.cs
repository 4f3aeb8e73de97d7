using P = Microsoft.DurableTask.Protobuf;
using static Durable.Backend.Storage.Sqlite.SqliteRows;
using static Durable.Backend.Storage.StoredTime;

namespace Durable.Backend.Storage.Sqlite;

/// <summary>What clients read: an instance, its history, pages of instances, poison messages, the backlog.</summary>
internal sealed class SqliteQueries(SqliteDatabase database, TimeProvider clock) : IInstanceReads
{
    public Task<InstanceRow?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken) =>
        database.ReadAsync(
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = $"SELECT {InstanceColumns} FROM Instances WHERE InstanceId = $id";
                command.Parameters.AddWithValue("$id", instanceId);
                return ReadInstance(command);
            },
            cancellationToken);

    public Task<IReadOnlyList<P.HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<P.HistoryEvent>>(
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

    public Task<InstancePage> QueryAsync(InstanceFilter filter, int pageSize, string? continuationToken, CancellationToken cancellationToken) =>
        database.ReadAsync(
            connection =>
            {
                var (where, parameters) = SqliteInstanceSelection.Sql(InstanceSelection.ForQuery(filter, continuationToken));
                using var command = connection.CreateCommand();
                command.CommandText = $"""
                    SELECT {(filter.WithPayloads ? InstanceColumns : InstanceMetadataColumns)} FROM Instances
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

    public Task<IReadOnlyList<PoisonMessage>> GetPoisonMessagesAsync(string? instanceId, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<PoisonMessage>>(
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
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        return database.ReadAsync(
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
}
