using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dashboard.Storage;

/// <summary>Readiness: the statistics store answers, with the schema this dashboard migrated it to. Registered as <see cref="Name"/> with the tag <c>ready</c>.</summary>
internal sealed class StatisticsStoreHealthCheck(StatisticsDatabase database) : IHealthCheck
{
    public const string Name = "statistics store";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await database.PingAsync(cancellationToken);
        // A backup of an older schema restored under a running service: reachable, but not what its SQL expects.
        var (found, needed) = await database.SchemaVersionAsync(cancellationToken);
        return found == needed
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"not migrated: schema version {found}, this dashboard needs {needed}");
    }
}
