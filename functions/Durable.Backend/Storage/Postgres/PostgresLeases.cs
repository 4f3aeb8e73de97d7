namespace Durable.Backend.Storage.Postgres;

/// <summary>
/// Lease bookkeeping: renewing the leases of running work and handing work back at once. There is no "release
/// everything at start": other backends' leases in the same database are alive; a dead backend's expire after
/// LeaseDuration, when its instances and tasks become workable for everyone again.
/// </summary>
internal sealed class PostgresLeases(PostgresDatabase database, TimeProvider clock) : ILeaseWork
{
    public Task RenewAsync(IReadOnlyCollection<HeldLease> leases, TimeSpan lease, CancellationToken cancellationToken)
    {
        var expiration = clock.GetUtcNow().ToUnixTimeMilliseconds() + (long)lease.TotalMilliseconds;
        var (tasks, instances, tokens) = Split(leases);
        return database.LeaseAsync(
            async tx =>
            {
                // Only leases still held are extended. Instances by their key: the lease columns have no index (schema version 3).
                // IMPORTANT: a row another transaction holds is skipped, not waited for. That transaction is a step of ours
                // committing (it hands the lease back or keeps it with a new expiration) or finishing a task, and the next
                // renewal, a third of a lease later, extends whatever is left. Waiting would deadlock: a step that keeps its lease
                // locks its instance and then deletes its task, while a renewal that took the task would wait for the instance.
                await tx.ExecuteAsync(
                    """
                    UPDATE durable.new_tasks t SET visible_at = @exp
                    WHERE t.sequence_number = ANY (ARRAY (SELECT sequence_number FROM durable.new_tasks WHERE locked_by = ANY(@tasks) FOR UPDATE SKIP LOCKED));
                    UPDATE durable.instances i SET lock_expiration = @exp
                    WHERE i.instance_id = ANY (ARRAY (SELECT instance_id FROM durable.instances WHERE instance_id = ANY(@ids) AND locked_by = ANY(@t) FOR UPDATE SKIP LOCKED));
                    """,
                    ("exp", expiration), ("tasks", tasks), ("ids", instances), ("t", tokens));
                return true;
            },
            oneStatement: false,
            cancellationToken);
    }

    public Task<int> ReleaseAsync(IReadOnlyCollection<HeldLease> leases, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var (tasks, instances, tokens) = Split(leases);
        return database.LeaseAsync(
            async tx =>
            {
                var released = await tx.ExecuteAsync(
                        "UPDATE durable.instances SET locked_by = NULL, lock_expiration = NULL WHERE instance_id = ANY(@ids) AND locked_by = ANY(@t)", ("ids", instances), ("t", tokens))
                    + await tx.ExecuteAsync("UPDATE durable.new_tasks SET locked_by = NULL, visible_at = @now WHERE locked_by = ANY(@tasks)", ("tasks", tasks), ("now", now));
                if (released > 0)
                {
                    tx.Wake(WakeUps.LeasesReleased);
                }

                return released;
            },
            oneStatement: false,
            cancellationToken);
    }

    /// <summary>Task leases' tokens; orchestration leases' instance ids and tokens.</summary>
    private static (string[] Tasks, string[] Instances, string[] Tokens) Split(IReadOnlyCollection<HeldLease> leases) =>
        (leases.Where(l => l.InstanceId is null).Select(l => l.Token).ToArray(),
         leases.Where(l => l.InstanceId is not null).Select(l => l.InstanceId!).ToArray(),
         leases.Where(l => l.InstanceId is not null).Select(l => l.Token).ToArray());
}
