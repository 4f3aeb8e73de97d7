using System.Text;
using P = Microsoft.DurableTask.Protobuf;
using static Durable.Backend.Storage.Postgres.PostgresRows;

namespace Durable.Backend.Storage.Postgres;

/// <summary>Activity work: lease tasks (FOR UPDATE SKIP LOCKED, the lease pushing VisibleAt), store results, hand tasks back.</summary>
internal sealed class PostgresActivities(PostgresDatabase database, TimeProvider clock) : IActivityWork
{
    public Task<IReadOnlyList<ActivityWorkItem>> LockAsync(string owner, int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var expiration = now + (long)lease.TotalMilliseconds;
        return database.LeaseAsync<IReadOnlyList<ActivityWorkItem>>(
            async tx =>
            {
                // Leasing pushes visible_at to the lease's end: a task whose worker (or backend) vanished reappears by itself.
                // Each lease gets its own token (owner, task, attempt), which is the completion token the worker sends back.
                // Tasks another backend is leasing at this moment are skipped, not waited for.
                // The picked rows are updated by their keys (an id array): joined to the table instead, the generic plan
                // hash-joins them against a scan of all of it, dead rows included.
                var items = await tx.ListAsync(
                    """
                    UPDATE durable.new_tasks t
                    SET locked_by = @owner || ':' || t.sequence_number || ':' || (t.dequeue_count + 1), visible_at = @exp, dequeue_count = t.dequeue_count + 1
                    WHERE t.sequence_number = ANY (ARRAY (
                        SELECT sequence_number FROM durable.new_tasks WHERE visible_at <= @now ORDER BY visible_at, sequence_number LIMIT @max FOR UPDATE SKIP LOCKED))
                    RETURNING t.locked_by, t.sequence_number, t.instance_id, t.execution_id, t.task_id, t.name, t.version, t.input, t.dequeue_count, t.last_error, t.trace_context
                    """,
                    r => new ActivityWorkItem(
                        r.GetString(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetInt32(4), r.GetString(5), Text(r, 6), Text(r, 7), r.GetInt32(8), Text(r, 9),
                        r.IsDBNull(10) ? null : P.TraceContext.Parser.ParseFrom(r.GetFieldValue<byte[]>(10))),
                    ("owner", owner), ("exp", expiration), ("now", now), ("max", max));
                items.Sort((a, b) => a.SequenceNumber.CompareTo(b.SequenceNumber));
                return items;
            },
            oneStatement: true,
            cancellationToken);
    }

    public Task<bool> CompleteAsync(ActivityWorkItem item, P.HistoryEvent result, PoisonMessage? setAside, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var message = new PostgresWrites.Message(item.InstanceId, item.ExecutionId, result, now);
        if (setAside is null)
        {
            // The usual case in one statement, its own transaction (one round trip).
            // IMPORTANT: delete-then-enqueue guarded by the lease token (the delete locks and re-checks the row): a result
            // is either delivered exactly once or, if the task was handed to another worker, not at all.
            return database.WriteSingleAsync(
                async tx =>
                {
                    var (insert, parameters) = PostgresWrites.InsertMessages([message], now, onlyIf: "EXISTS (SELECT 1 FROM done)");
                    var delivered = await tx.ExecuteAsync(
                        $"WITH done AS (DELETE FROM durable.new_tasks WHERE sequence_number = @seq AND locked_by = @token RETURNING 1) {insert}",
                        [.. parameters, ("seq", item.SequenceNumber), ("token", item.LeaseToken)]) > 0;
                    if (delivered)
                    {
                        tx.Wake(WakeUps.MessageQueued);
                    }

                    return delivered;
                },
                cancellationToken);
        }

        return database.WriteAsync(
            async tx =>
            {
                if (await tx.ExecuteAsync(
                    "DELETE FROM durable.new_tasks WHERE sequence_number = @n AND locked_by = @t", ("n", item.SequenceNumber), ("t", item.LeaseToken)) == 0)
                {
                    return false;
                }

                await PostgresWrites.InsertMessagesAsync(tx, [message], now);
                await PostgresWrites.InsertPoisonAsync(tx, setAside, item.Input is null ? null : Encoding.UTF8.GetBytes(item.Input), now);
                tx.Wake(WakeUps.MessageQueued);
                return true;
            },
            cancellationToken);
    }

    public Task<bool> AbandonAsync(ActivityWorkItem item, string reason, TimeSpan retryAfter, CancellationToken cancellationToken)
    {
        var visibleAt = clock.GetUtcNow().ToUnixTimeMilliseconds() + (long)retryAfter.TotalMilliseconds;
        return database.WriteAsync(
            async tx =>
            {
                tx.Wake(WakeUps.TaskAbandoned);
                return await tx.ExecuteAsync(
                    "UPDATE durable.new_tasks SET locked_by = NULL, visible_at = @v, last_error = @e WHERE sequence_number = @n AND locked_by = @t",
                    ("v", visibleAt), ("e", reason), ("n", item.SequenceNumber), ("t", item.LeaseToken)) > 0;
            },
            cancellationToken);
    }
}
