using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dashboard.Statistics;

/// <summary>
/// Loads the snapshot when the service starts, so the first steering-group visit does not wait for it
/// (a million outcomes take a few seconds to load).
/// </summary>
internal sealed partial class SnapshotWarmup(FactSnapshot snapshot, ILogger<SnapshotWarmup> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() =>
    {
        try
        {
            var episodes = snapshot.Read(view => view.Episodes.Length);
            logger.SnapshotLoaded(episodes);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The dashboard is a side view of the service: a store problem must not stop the workflow from starting.
            // The first page request will try again and report the error there.
            logger.SnapshotNotLoaded(e);
        }
    }, stoppingToken);
}
