using P = Microsoft.DurableTask.Protobuf;
using static Durable.Backend.Storage.Postgres.PostgresRows;
using static Durable.Backend.Storage.StoredTime;

namespace Durable.Backend.Storage.Postgres;

/// <summary>
/// Orchestration work: leasing instances with workable messages (several backends may share the database, so
/// rows are taken with FOR UPDATE SKIP LOCKED and leased with LockedBy/LockExpiration), abandoning a step, and
/// the next time something becomes workable.
/// </summary>
internal sealed class PostgresOrchestrations(PostgresDatabase database, TimeProvider clock) : IOrchestrationWork
{
    // A Pending instance is workable once its start message is visible (a scheduled start may be later); a
    // Suspended one only for the messages that end the suspension. Everything else waits.
    private const string Workable = """
        e.visible_at <= @now
        AND (i.runtime_status <> 'Pending' OR e.event_type IN ('ExecutionStarted', 'ExecutionTerminated'))
        AND (i.runtime_status <> 'Suspended' OR e.event_type IN ('ExecutionResumed', 'ExecutionTerminated'))
        """;

    private const string Unleased = "(i.lock_expiration IS NULL OR i.lock_expiration <= @now)";

    public Task<IReadOnlyList<OrchestrationWorkItem>> LockAsync(string owner, int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var expiration = now + (long)lease.TotalMilliseconds;
        return database.LeaseAsync<IReadOnlyList<OrchestrationWorkItem>>(
            async tx =>
            {
                // 1. Row-lock up to $max candidates that no other backend holds. IMPORTANT: candidates come from walking the
                // visible_at index over a bounded pool of messages (oldest due first), not from grouping the whole backlog.
                // A row another transaction is leasing right now is skipped, not waited for; a row leased and committed
                // since this statement began fails the lease condition when PostgreSQL re-checks the locked row.
                var candidates = await tx.ListAsync(
                    $"""
                    SELECT i.instance_id FROM durable.instances i
                    WHERE i.instance_id = ANY (ARRAY (
                        SELECT e.instance_id FROM durable.new_events e JOIN durable.instances i ON i.instance_id = e.instance_id
                        WHERE {Workable} AND {Unleased}
                        ORDER BY e.visible_at LIMIT @pool))
                      AND {Unleased}
                    LIMIT @max
                    FOR UPDATE OF i SKIP LOCKED
                    """,
                    r => r.GetString(0),
                    ("now", now), ("max", max), ("pool", max * 4));
                if (candidates.Count == 0)
                {
                    return [];
                }

                // 2. Lease those still workable, now that they are locked: the first statement saw its own snapshot, and a
                // backend that committed a step in between may have consumed the messages or suspended the instance.
                // 3. and 4. Their messages and histories. One round trip for the three: the later statements find the leased
                // rows by this lease's expiration and owner (the rows are locked by this transaction, nobody else changes them).
                // IMPORTANT: the messages' "due" test is written so that no index can serve it ("IS TRUE"): otherwise the generic
                // plan ANDs each instance's few rows with the visible_at index's every due message, a scan of the whole queue per
                // instance.
                var leased = new List<(string Token, InstanceRow Instance, string? LastError)>();
                var messages = new List<(string InstanceId, QueuedMessage Message)>();
                var history = new List<(string InstanceId, P.HistoryEvent Event)>();
                const string LeasedNow = "SELECT instance_id FROM durable.instances WHERE instance_id = ANY(@ids) AND lock_expiration = @exp AND starts_with(locked_by, @prefix)";
                var batch = tx.Batch();
                batch.Add(
                    $"""
                    UPDATE durable.instances i SET locked_by = @prefix || replace(gen_random_uuid()::text, '-', ''), lock_expiration = @exp
                    WHERE i.instance_id = ANY(@ids) AND EXISTS (SELECT 1 FROM durable.new_events e WHERE e.instance_id = i.instance_id AND {Workable})
                    RETURNING i.locked_by, {string.Join(", ", InstanceColumns.Split(", ").Select(c => "i." + c))}
                    """,
                    r => leased.Add((r.GetString(0), Instance(r, 1), LastError(r, 1))),
                    ("prefix", owner + ":"), ("exp", expiration), ("ids", candidates.ToArray()), ("now", now));
                batch.Add(
                    $"""
                    UPDATE durable.new_events SET dequeue_count = dequeue_count + 1 WHERE instance_id IN ({LeasedNow}) AND (visible_at <= @now) IS TRUE
                    RETURNING instance_id, sequence_number, execution_id, data, dequeue_count
                    """,
                    r => messages.Add((r.GetString(0), new QueuedMessage(r.GetInt64(1), Text(r, 2), Event(r, 3), r.GetInt32(4)))),
                    ("prefix", owner + ":"), ("exp", expiration), ("ids", candidates.ToArray()), ("now", now));
                batch.Add(
                    $"""
                    SELECT h.instance_id, h.data FROM durable.history h JOIN durable.instances i ON i.instance_id = h.instance_id AND i.execution_id = h.execution_id
                    WHERE h.instance_id IN ({LeasedNow}) ORDER BY h.instance_id, h.sequence_number
                    """,
                    r => history.Add((r.GetString(0), Event(r, 1))),
                    ("prefix", owner + ":"), ("exp", expiration), ("ids", candidates.ToArray()));
                await batch.RunAsync();
                var messagesOf = messages.ToLookup(m => m.InstanceId, m => m.Message);
                var historyOf = history.ToLookup(h => h.InstanceId, h => h.Event);
                return leased
                    .Select(l => new OrchestrationWorkItem(
                        l.Token, l.Instance, historyOf[l.Instance.InstanceId].ToList(), messagesOf[l.Instance.InstanceId].OrderBy(m => m.SequenceNumber).ToList(), l.LastError))
                    .ToList();
            },
            oneStatement: false,
            cancellationToken);
    }

    public Task<bool> AbandonAsync(OrchestrationWorkItem item, string reason, TimeSpan retryAfter, CancellationToken cancellationToken)
    {
        // The lease is released but held by nobody until the retry time: a backoff, not a hot loop.
        var retryAt = clock.GetUtcNow().ToUnixTimeMilliseconds() + (long)retryAfter.TotalMilliseconds;
        return database.WriteAsync(
            async tx =>
            {
                tx.Wake(WakeUps.StepAbandoned);
                return await tx.ExecuteAsync(
                    "UPDATE durable.instances SET locked_by = NULL, lock_expiration = @retry, last_error = @e WHERE instance_id = @id AND locked_by = @t",
                    ("retry", retryAt), ("e", reason), ("id", item.Instance.InstanceId), ("t", item.LeaseToken)) > 0;
            },
            cancellationToken);
    }

    /// <summary>
    /// The earliest future time at which a message or task becomes workable. Not an instance's lease: its columns have
    /// no index (so taking and renewing one writes no index entries), and a lease that runs out (a dead backend's, or an
    /// abandoned step's retry time) is found by the next poll, within PollingInterval.
    /// </summary>
    public Task<DateTime?> GetNextWakeUpAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        return database.ReadAsync<DateTime?>(
            async tx => await tx.ScalarAsync(
                """
                SELECT LEAST(
                    (SELECT MIN(visible_at) FROM durable.new_events WHERE visible_at > @now),
                    (SELECT MIN(visible_at) FROM durable.new_tasks WHERE visible_at > @now))
                """,
                ("now", now)) is long ms ? FromMs(ms) : null,
            cancellationToken);
    }
}
