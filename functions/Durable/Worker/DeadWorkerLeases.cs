using System.Diagnostics;
using System.Globalization;
using Durable.Storage;
using Microsoft.Extensions.Logging;

namespace Durable.Worker;

/// <summary>
/// After a crash the restarted process would otherwise wait a whole lease period before it may redo the
/// work its dead predecessor had leased. A worker id is "machine:process id:nonce", so at start a worker
/// can tell a predecessor on the same machine that is certainly dead — its process no longer runs, or it
/// had this very process id (a restarted container) — and hand its leases back at once. Owners on other
/// machines, or whose process id is in use, are left to their leases' expiry: that is always safe.
/// </summary>
internal static class DeadWorkerLeases
{
    public static string NewWorkerId() => $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}"[..^24];

    public static async Task ReclaimAsync(IOrchestrationStore store, string self, ILogger logger, CancellationToken cancellationToken)
    {
        foreach (var owner in await store.GetLeaseOwnersAsync(cancellationToken))
        {
            if (IsDeadOnThisMachine(owner, self))
            {
                var released = await store.ReleaseLeasesAsync(owner, cancellationToken);
                Log.DeadWorkerLeasesReleased(logger, released, owner);
            }
        }
    }

    internal static bool IsDeadOnThisMachine(string owner, string self)
    {
        var parts = owner.Split(':');
        if (owner == self || parts.Length != 3 || parts[0] != Environment.MachineName
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var processId))
        {
            return false;
        }

        if (processId == Environment.ProcessId)
        {
            return true; // Our own process id with another nonce: an earlier life of this process slot.
        }

        try
        {
            using var process = Process.GetProcessById(processId);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true; // No process has that id.
        }
    }
}
