namespace Durable.Backend.Storage.Postgres;

/// <summary>
/// Lease bookkeeping: renewing the leases of running work and handing work back at once. There is no "release
/// everything at start": other backends' leases in the same database are alive; a dead backend's expire after
/// LeaseDuration, when its instances and tasks become workable for everyone again.
/// </summary>
internal sealed class PostgresLeases(PostgresDatabase database, TimeProvider clock)
{
    public Task RenewAsync(IReadOnlyCollection<string> leaseTokens, TimeSpan lease, CancellationToken cancellationToken)
    {
        var expiration = clock.GetUtcNow().ToUnixTimeMilliseconds() + (long)lease.TotalMilliseconds;
        var tokens = leaseTokens.ToArray();
        return database.LeaseAsync(
            async tx =>
            {
                // A token is either an instance's or a task's lease; the other update matches nothing. Only leases still held are extended.
                await tx.ExecuteAsync(
                    """
                    UPDATE durable.new_tasks SET visible_at = @exp WHERE locked_by = ANY(@t);
                    UPDATE durable.instances SET lock_expiration = @exp WHERE locked_by = ANY(@t);
                    """,
                    ("exp", expiration), ("t", tokens));
                return true;
            },
            oneStatement: false,
            cancellationToken);
    }

    public Task<int> ReleaseAsync(IReadOnlyCollection<string> leaseTokens, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var tokens = leaseTokens.ToArray();
        return database.LeaseAsync(
            async tx =>
            {
                var released = await tx.ExecuteAsync("UPDATE durable.instances SET locked_by = NULL, lock_expiration = NULL WHERE locked_by = ANY(@t)", ("t", tokens))
                    + await tx.ExecuteAsync("UPDATE durable.new_tasks SET locked_by = NULL, visible_at = @now WHERE locked_by = ANY(@t)", ("t", tokens), ("now", now));
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
}
