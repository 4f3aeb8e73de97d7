using CareTransitions.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CareTransitions.Health;

/// <summary>
/// <c>GET /readyz</c>: whether every store answers — the app store, the statistics store (registered by the
/// dashboard) and the durable backend. 200 when all do; 503 problem+json naming those that do not. Each check has
/// a short timeout and the answer is kept for <see cref="CacheFor"/>, so a load balancer polling it costs the
/// database little. <c>/healthz</c> stays liveness only: a process that is up but cut off from its database is
/// not restarted, it recovers by itself when the database returns.
/// </summary>
public static class Readiness
{
    /// <summary>The health-check tag of the readiness checks (left out of <c>/healthz</c>).</summary>
    public const string Tag = "ready";

    internal static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(2);

    internal static IServiceCollection AddReadiness(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<AppStoreHealthCheck>(AppStoreHealthCheck.Name, tags: [Tag], timeout: Timeout)
            .AddCheck<DurableBackendHealthCheck>(DurableBackendHealthCheck.Name, tags: [Tag], timeout: Timeout);
        services.AddSingleton(sp => new ReadinessCache(sp.GetRequiredService<HealthCheckService>(), sp.GetRequiredService<TimeProvider>(), CacheFor));
        return services;
    }

    /// <summary>Maps <c>GET /readyz</c> (no authentication: it says only which stores answer).</summary>
    public static RouteHandlerBuilder MapReadiness(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/readyz", GetAsync)
            .WithTags("Health")
            .WithSummary("Readiness: every store reachable")
            .WithDescription("200 when the app store, the statistics store and the durable backend all answer; 503 problem+json naming those that do not.");

    private static async Task<Results<Ok<ReadinessReport>, ProblemHttpResult>> GetAsync(ReadinessCache cache)
    {
        var report = await cache.GetAsync();
        var checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString());
        var down = report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).Select(e => e.Key).Order(StringComparer.Ordinal).ToList();
        if (down.Count == 0)
        {
            return TypedResults.Ok(new ReadinessReport("Ready", checks));
        }

        return TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Not ready",
            detail: $"Unreachable: {string.Join(", ", down)}. The service keeps running and reconnects by itself when the database returns.",
            extensions: new Dictionary<string, object?> { ["checks"] = checks, ["unreachable"] = down });
    }
}

/// <summary>The 200 answer of <c>/readyz</c>: each check by name with its status.</summary>
public sealed record ReadinessReport(string Status, IReadOnlyDictionary<string, string> Checks);

/// <summary>One run of the readiness checks shared by every request within a short time.</summary>
internal sealed class ReadinessCache(HealthCheckService checks, TimeProvider clock, TimeSpan cacheFor)
{
    private readonly Lock gate = new();
    private Task<HealthReport>? last;
    private DateTimeOffset lastAt;

    public Task<HealthReport> GetAsync()
    {
        lock (this.gate)
        {
            var now = clock.GetUtcNow();
            if (this.last is null || now - this.lastAt >= cacheFor)
            {
                this.last = checks.CheckHealthAsync(r => r.Tags.Contains(Readiness.Tag));
                this.lastAt = now;
            }

            return this.last;
        }
    }
}

/// <summary>The app store (app.db, or the PostgreSQL schema app) answers.</summary>
internal sealed class AppStoreHealthCheck(AppDatabase database) : IHealthCheck
{
    public const string Name = "app store";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await database.PingAsync(cancellationToken);
        return HealthCheckResult.Healthy();
    }
}

/// <summary>The durable backend answers a query that reaches its store (an instance that does not exist).</summary>
internal sealed class DurableBackendHealthCheck(DurableTaskClient client) : IHealthCheck
{
    public const string Name = "durable backend";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await client.GetInstanceAsync("readiness-probe", cancellationToken);
        return HealthCheckResult.Healthy();
    }
}
