using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dashboard.Storage;

/// <summary>Readiness: the statistics store answers. Registered as <see cref="Name"/> with the tag <c>ready</c>.</summary>
internal sealed class StatisticsStoreHealthCheck(StatisticsDatabase database) : IHealthCheck
{
    public const string Name = "statistics store";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await database.PingAsync(cancellationToken);
        return HealthCheckResult.Healthy();
    }
}
