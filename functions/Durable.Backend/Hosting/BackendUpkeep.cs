using Durable.Backend.Dispatch;
using Durable.Backend.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Durable.Backend.Hosting;

/// <summary>
/// The backend's background work: renewing the leases of work that workers hold (long activities keep
/// theirs), and purging finished instances older than the retention period.
/// </summary>
internal sealed class BackendUpkeep(WorkItemDispatcher dispatcher, IBackendStore store, IOptions<DurableBackendOptions> options, TimeProvider clock, ILogger<BackendUpkeep> logger)
    : BackgroundService
{
    private static readonly TimeSpan PurgeEvery = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        using var timer = new PeriodicTimer(o.LeaseDuration / 3, clock);
        var nextPurge = clock.GetUtcNow().UtcDateTime;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await dispatcher.RenewLeasesAsync(stoppingToken);
                var now = clock.GetUtcNow().UtcDateTime;
                if (o.CompletedInstanceRetention is { } retention && now >= nextPurge)
                {
                    // A short retention (tests, small installs) is honoured at every tick, not ten minutes late.
                    nextPurge = now + (retention < PurgeEvery ? retention : PurgeEvery);
                    var before = now - retention;
                    var purged = await store.PurgeAsync(null, new InstanceFilter(CompletedBefore: before), stoppingToken);
                    if (purged > 0)
                    {
                        logger.Purged(purged, before);
                    }
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Backend upkeep failed; retried at the next tick");
            }
        }
    }
}
