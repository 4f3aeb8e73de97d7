namespace Durable.Backend.Storage.Sqlite;

/// <summary>Lease bookkeeping: renewing the leases of running work and handing work back at once.</summary>
internal sealed partial class SqliteBackendStore
{
    public Task RenewLeasesAsync(IReadOnlyCollection<HeldLease> leases, TimeSpan lease, CancellationToken cancellationToken)
    {
        var expiration = this.NowMs + (long)lease.TotalMilliseconds;
        return this.writer.WriteAsync(scope =>
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

    public async Task<int> ReleaseLeasesAsync(IReadOnlyCollection<HeldLease> leases, CancellationToken cancellationToken)
    {
        var now = this.NowMs;
        var released = await this.writer.WriteAsync(scope =>
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
            this.Signals.Raise(WakeUps.LeasesReleased);
        }

        return released;
    }

    /// <summary>
    /// At start, every lease in the file belongs to a backend process that is gone: this process holds the
    /// store's exclusive lock (see <see cref="StoreLock"/>), so none can be alive. Handed back at once rather
    /// than when they expire, whatever the process ids (in containers every process is PID 1).
    /// </summary>
    public Task<int> ReleaseAllLeasesAsync()
    {
        var now = this.NowMs;
        return this.writer.WriteAsync(scope =>
            scope.Execute("UPDATE Instances SET LockedBy = NULL, LockExpiration = NULL WHERE LockedBy IS NOT NULL")
            + scope.Execute("UPDATE NewTasks SET LockedBy = NULL, VisibleAt = $now WHERE LockedBy IS NOT NULL", ("$now", now)));
    }
}
