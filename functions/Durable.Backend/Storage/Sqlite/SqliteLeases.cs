namespace Durable.Backend.Storage.Sqlite;

/// <summary>Lease bookkeeping: renewing the leases of running work and handing work back at once.</summary>
internal sealed class SqliteLeases(SqliteDatabase database, TimeProvider clock) : ILeaseWork
{
    public Task RenewAsync(IReadOnlyCollection<HeldLease> leases, TimeSpan lease, CancellationToken cancellationToken)
    {
        var expiration = clock.GetUtcNow().ToUnixTimeMilliseconds() + (long)lease.TotalMilliseconds;
        return database.WriteAsync(scope =>
        {
            foreach (var token in leases.Select(l => l.Token))
            {
                // A token is either an instance's or a task's lease; the other update matches nothing.
                if (scope.Execute("UPDATE NewTasks SET VisibleAt = $exp WHERE LockedBy = $t", ("$exp", expiration), ("$t", token)) == 0)
                {
                    scope.Execute("UPDATE Instances SET LockExpiration = $exp WHERE LockedBy = $t", ("$exp", expiration), ("$t", token));
                }
            }

            return true;
        });
    }

    public async Task<int> ReleaseAsync(IReadOnlyCollection<HeldLease> leases, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var released = await database.WriteAsync(scope =>
        {
            var count = 0;
            foreach (var token in leases.Select(l => l.Token))
            {
                count += scope.Execute("UPDATE Instances SET LockedBy = NULL, LockExpiration = NULL WHERE LockedBy = $t", ("$t", token));
                count += scope.Execute("UPDATE NewTasks SET LockedBy = NULL, VisibleAt = $now WHERE LockedBy = $t", ("$t", token), ("$now", now));
            }

            return count;
        });
        if (released > 0)
        {
            database.Signals.Raise(WakeUps.LeasesReleased);
        }

        return released;
    }

    /// <summary>Hands back every lease in the file (see <see cref="SqliteBackendStore.ReleaseAllLeasesAsync"/>).</summary>
    public Task<int> ReleaseAllAsync()
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        return database.WriteAsync(scope =>
            scope.Execute("UPDATE Instances SET LockedBy = NULL, LockExpiration = NULL WHERE LockedBy IS NOT NULL")
            + scope.Execute("UPDATE NewTasks SET LockedBy = NULL, VisibleAt = $now WHERE LockedBy IS NOT NULL", ("$now", now)));
    }
}
