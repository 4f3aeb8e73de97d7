using P = Microsoft.DurableTask.Protobuf;
using static Durable.Backend.Storage.Postgres.PostgresRows;
using static Durable.Backend.Storage.StoredTime;

namespace Durable.Backend.Storage.Postgres;

/// <summary>What clients read: an instance, its history, pages of instances, poison messages, the backlog.</summary>
internal sealed class PostgresQueries(PostgresDatabase database, TimeProvider clock) : IInstanceReads
{
    public Task<InstanceRow?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken) =>
        database.ReadAsync(
            async tx => (await tx.ListAsync($"SELECT {InstanceColumns} FROM durable.instances WHERE instance_id = @id", r => Instance(r), ("id", instanceId)))
                .FirstOrDefault(),
            cancellationToken);

    public Task<IReadOnlyList<P.HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<P.HistoryEvent>>(
            async tx => await tx.ListAsync(
                """
                SELECT h.data FROM durable.history h JOIN durable.instances i ON i.instance_id = h.instance_id AND i.execution_id = h.execution_id
                WHERE h.instance_id = @id ORDER BY h.sequence_number
                """,
                r => Event(r, 0),
                ("id", instanceId)),
            cancellationToken);

    public Task<InstancePage> QueryAsync(InstanceFilter filter, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var (where, parameters) = PostgresInstanceSelection.Sql(InstanceSelection.ForQuery(filter, continuationToken));
        var sql = $"""
            SELECT {(filter.WithPayloads ? InstanceColumns : InstanceMetadataColumns)} FROM durable.instances
            {where}
            ORDER BY created_at, instance_id LIMIT @limit
            """;
        return database.ReadAsync(
            async tx => InstanceSelection.Page(await tx.ListAsync(sql, r => Instance(r), [.. parameters, ("limit", pageSize + 1)]), pageSize),
            cancellationToken);
    }

    public Task<IReadOnlyList<PoisonMessage>> GetPoisonMessagesAsync(string? instanceId, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<PoisonMessage>>(
            async tx => await tx.ListAsync(
                $"""
                SELECT instance_id, kind, name, attempts, reason, set_aside_at FROM durable.poison_messages
                {(instanceId is null ? string.Empty : "WHERE instance_id = @id")} ORDER BY id DESC LIMIT 1000
                """,
                r => new PoisonMessage(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt32(3), r.GetString(4), FromMs(r.GetInt64(5))),
                instanceId is null ? [] : [("id", instanceId)]),
            cancellationToken);

    public Task<(long Orchestrations, long Activities)> GetBacklogAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        return database.ReadAsync(
            async tx => (await tx.ListAsync(
                "SELECT (SELECT COUNT(*) FROM durable.new_events WHERE visible_at <= @now), (SELECT COUNT(*) FROM durable.new_tasks WHERE visible_at <= @now)",
                r => (r.GetInt64(0), r.GetInt64(1)),
                ("now", now)))[0],
            cancellationToken);
    }
}
