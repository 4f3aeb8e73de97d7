namespace Durable.Backend.Storage.Postgres;

/// <summary>
/// Lease bookkeeping: renewing the leases of running work and handing work back at once. There is no "release
/// everything at start": other backends' leases in the same database are alive; a dead backend's expire after
/// LeaseDuration, when its instances and tasks become workable for everyone again.
/// </summary>
internal sealed class PostgresLeases(PostgresDatabase database, TimeProvider clock)
{
    public Task RenewAsync(IReadOnlyCollection<HeldLease> leases, TimeSpan lease, CancellationToken cancellationToken)
    {
        var expiration = clock.GetUtcNow().ToUnixTimeMilliseconds() + (long)lease.TotalMilliseconds;
        var (tasks, instances, tokens) = Split(leases);
        return database.LeaseAsync(
            async tx =>
            {
                // Only leases still held are extended. Instances by their key: the lease columns have no index (schema version 3).
                await tx.ExecuteAsync(
                    """
                    UPDATE durable.new_tasks SET visible_at = @exp WHERE locked_by = ANY(@tasks);
                    UPDATE durable.instances SET lock_expiration = @exp WHERE instance_id = ANY(@ids) AND locked_by = ANY(@t);
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
                    tx.OrchestrationWork();
                    tx.ActivityWork();
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
