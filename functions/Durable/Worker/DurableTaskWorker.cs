using Durable.Runtime;
using Durable.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Durable.Worker;

/// <summary>The hosted worker: runs the orchestration and activity dispatchers and the optional automatic purge.</summary>
internal sealed class DurableTaskWorker(
    IOrchestrationStore store,
    DurableTaskRegistry registry,
    IServiceProvider services,
    IOptions<DurableTaskOptions> options,
    TimeProvider clock,
    ILoggerFactory loggerFactory) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.EnableWorker)
        {
            return;
        }

        await store.InitializeAsync(stoppingToken);
        var logger = loggerFactory.CreateLogger("Durable.Worker");
        await DeadWorkerLeases.ReclaimAsync(store, settings.WorkerId, logger, stoppingToken);
        var executor = new OrchestrationExecutor(registry, services, loggerFactory);
        var orchestrations = new OrchestrationDispatcher(store, executor, settings, clock, logger);
        var activities = new ActivityDispatcher(store, registry, services, settings, clock, logger);
        await Task.WhenAll(
            Task.Run(() => orchestrations.RunAsync(stoppingToken), CancellationToken.None),
            Task.Run(() => activities.RunAsync(stoppingToken), CancellationToken.None),
            activities.RenewLeasesAsync(stoppingToken),
            this.PurgeFinishedAsync(settings, logger, stoppingToken));
    }

    private async Task PurgeFinishedAsync(DurableTaskOptions settings, ILogger logger, CancellationToken stopping)
    {
        if (settings.CompletedInstanceRetention is not { } retention)
        {
            return;
        }

        var every = TimeSpan.FromTicks(Math.Clamp(retention.Ticks / 10, TimeSpan.FromSeconds(1).Ticks, TimeSpan.FromHours(1).Ticks));
        using var timer = new PeriodicTimer(every, clock);
        try
        {
            do
            {
                var cutoff = clock.GetUtcNow().UtcDateTime - retention;
                var purged = await store.PurgeAsync(null, new PurgeInstancesFilter { CompletedBefore = cutoff }, stopping);
                if (purged > 0)
                {
                    Log.AutoPurged(logger, purged);
                }
            }
            while (await timer.WaitForNextTickAsync(stopping));
        }
        catch (OperationCanceledException)
        {
        }
    }
}
