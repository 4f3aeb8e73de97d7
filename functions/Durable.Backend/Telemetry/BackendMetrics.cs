using System.Diagnostics.Metrics;
using Durable.Backend.Dispatch;
using Durable.Backend.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Durable.Backend.Telemetry;

/// <summary>
/// The backend's metrics (Meter <c>Durable.Backend</c>): work waiting in the store, work out with workers, and
/// leases lost. The gauges are read only when a meter provider collects (every export interval), never on the
/// dispatch path; with no listener the backend pays nothing.
/// </summary>
internal sealed class BackendMetrics : IHostedService
{
    /// <summary>The Meter's name.</summary>
    public const string MeterName = "Durable.Backend";

    // How long a collection may wait for the store's count; a busy or unreachable store skips one reading instead.
    private static readonly TimeSpan BacklogReadTimeout = TimeSpan.FromSeconds(2);

    // Lease losses happen in the dispatcher, which has no reference to this object: the counter is process-wide.
    private static readonly Meter Shared = new(MeterName);

    private static readonly Counter<long> LeaseLosses = Shared.CreateCounter<long>(
        "durable.backend.lease.losses", "{lease}", "Work items whose lease was lost before their result was stored (another worker took them; they run again).");

    private readonly IBackendStore store;

    public BackendMetrics(IMeterFactory meters, IBackendStore store, WorkItemDispatcher dispatcher)
    {
        this.store = store;
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge(
            "durable.backend.queue.depth", this.ReadBacklog, "{work_item}", "Orchestration messages and activity tasks visible in the store and waiting for a worker.");
        meter.CreateObservableGauge(
            "durable.backend.work_items.in_flight", () => dispatcher.InFlightCount, "{work_item}", "Work items this backend process has handed to workers and not yet seen completed.");
    }

    /// <summary>One work item's lease was lost (<paramref name="kind"/>: orchestration or activity).</summary>
    public static void LeaseLost(string kind) => LeaseLosses.Add(1, new KeyValuePair<string, object?>("durable.work_item.kind", kind));

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private IEnumerable<Measurement<long>> ReadBacklog()
    {
        (long Orchestrations, long Activities) backlog;
        try
        {
            using var timeout = new CancellationTokenSource(BacklogReadTimeout);
            // A collection callback is synchronous; it runs on the exporter's thread, not a request's.
            backlog = this.store.GetBacklogAsync(timeout.Token).WaitAsync(BacklogReadTimeout).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is OperationCanceledException || Hosting.BackendOutage.IsStoreFailure(e))
        {
            return [];
        }

        return
        [
            new(backlog.Orchestrations, new KeyValuePair<string, object?>("durable.work_item.kind", "orchestration")),
            new(backlog.Activities, new KeyValuePair<string, object?>("durable.work_item.kind", "activity")),
        ];
    }
}

/// <summary>Registers <see cref="BackendMetrics"/> with the backend's services.</summary>
internal static class BackendTelemetryServiceCollectionExtensions
{
    /// <summary>The gauges exist from the backend's start (a hosted service), so a collector sees them before any work.</summary>
    public static IServiceCollection AddBackendMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.AddSingleton<BackendMetrics>();
        services.AddHostedService(sp => sp.GetRequiredService<BackendMetrics>());
        return services;
    }
}
