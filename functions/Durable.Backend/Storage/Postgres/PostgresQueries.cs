using System.Globalization;
using System.Text;
using P = Microsoft.DurableTask.Protobuf;
using static Durable.Backend.Storage.Postgres.PostgresRows;
using static Durable.Backend.Storage.StoredTime;

namespace Durable.Backend.Storage.Postgres;

/// <summary>What clients read: an instance, its history, pages of instances, poison messages, the backlog.</summary>
internal sealed class PostgresQueries(PostgresDatabase database, TimeProvider clock)
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
        var where = new List<string>();
        var parameters = new List<(string, object?)>();
        void Add(object? value, string clause, string name)
        {
            if (value is not null)
            {
                where.Add(clause);
                parameters.Add((name, value));
            }
        }

        Add(filter.Statuses is { Count: > 0 } statuses ? statuses.Select(s => s.ToString()).ToArray() : null, "runtime_status = ANY(@statuses)", "statuses");
        Add(filter.InstanceIdPrefix is { Length: > 0 } prefix ? StoreRules.EscapeLike(prefix) + "%" : null, "instance_id LIKE @prefix", "prefix");
        Add(filter.CreatedFrom is { } from ? ToMs(from) : null, "created_at >= @from", "from");
        Add(filter.CreatedTo is { } to ? ToMs(to) : null, "created_at <= @to", "to");
        if (continuationToken is not null)
        {
            var (createdAt, instanceId) = StoreRules.DecodeToken(continuationToken);
            where.Add("(created_at, instance_id) > (@afterCreated, @afterId)");
            parameters.Add(("afterCreated", createdAt));
            parameters.Add(("afterId", instanceId));
        }

        parameters.Add(("limit", pageSize + 1));
        var sql = $"""
            SELECT {InstanceColumns} FROM durable.instances
            {(where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : string.Empty)}
            ORDER BY created_at, instance_id LIMIT @limit
            """;
        return database.ReadAsync(
            async tx =>
            {
                var rows = await tx.ListAsync(sql, r => Instance(r), parameters.ToArray());
                string? next = null;
                if (rows.Count > pageSize)
                {
                    rows.RemoveAt(rows.Count - 1);
                    next = StoreRules.EncodeToken(ToMs(rows[^1].CreatedAt), rows[^1].InstanceId);
                }

                return new InstancePage(rows, next);
            },
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
