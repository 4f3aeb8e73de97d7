using P = Microsoft.DurableTask.Protobuf;
using static Durable.Backend.Storage.Postgres.PostgresRows;
using static Durable.Backend.Storage.StoredTime;

namespace Durable.Backend.Storage.Postgres;

/// <summary>What clients write: create instances, send them messages, purge finished ones.</summary>
internal sealed class PostgresInstances(PostgresDatabase database, TimeProvider clock) : IInstanceWrites
{
    /// <summary>
    /// A new id is created in one round trip; an id already taken (or being created) goes the long way, which
    /// locks the existing row and applies the reuse policy.
    /// </summary>
    public async Task<CreateResult> CreateAsync(NewInstance instance, IReadOnlyCollection<InstanceStatus>? replaceable, CancellationToken cancellationToken) =>
        await database.WriteSingleAsync(tx => PostgresWrites.TryCreateNewInstanceAsync(tx, instance), cancellationToken)
            ? new CreateResult(CreateOutcome.Created)
            : await database.WriteAsync(tx => PostgresWrites.CreateInstanceAsync(tx, instance, replaceable), cancellationToken);

    public Task SendMessageAsync(string instanceId, P.HistoryEvent message, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        return database.WriteAsync(
            async tx =>
            {
                await PostgresWrites.InsertMessagesAsync(tx, [new PostgresWrites.Message(instanceId, null, message, now)], now);
                tx.Wake(WakeUps.MessageQueued);
                return true;
            },
            cancellationToken);
    }

    public Task<int> PurgeAsync(string? instanceId, InstanceFilter? filter, CancellationToken cancellationToken)
    {
        if (InstanceSelection.ForPurge(instanceId, filter) is not { } selection)
        {
            return Task.FromResult(0);
        }

        var (where, args) = PostgresInstanceSelection.Sql(selection);
        return database.WriteAsync(
            async tx =>
            {
                // Locked in id order, and re-checked on the locked row: an instance restarted meanwhile is not purged,
                // and two backends purging at once (each runs the retention purge) wait for each other, not deadlock.
                var ids = await tx.ListAsync(
                    $"SELECT instance_id FROM durable.instances {where} ORDER BY instance_id FOR UPDATE", r => r.GetString(0), args);
                if (ids.Count == 0)
                {
                    return 0;
                }

                var selected = ("ids", (object?)ids.ToArray());
                await tx.ExecuteAsync(
                    """
                    DELETE FROM durable.history WHERE instance_id = ANY(@ids);
                    DELETE FROM durable.new_events WHERE instance_id = ANY(@ids);
                    DELETE FROM durable.new_tasks WHERE instance_id = ANY(@ids);
                    DELETE FROM durable.poison_messages WHERE instance_id = ANY(@ids);
                    """,
                    selected);
                return await tx.ExecuteAsync("DELETE FROM durable.instances WHERE instance_id = ANY(@ids)", selected);
            },
            cancellationToken);
    }
}
