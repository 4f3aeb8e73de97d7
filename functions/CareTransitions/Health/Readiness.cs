using CareTransitions.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CareTransitions.Health;

/// <summary>
/// <c>GET /readyz</c>: whether every store answers with the schema this service migrated it to — the app store, the
/// statistics store (registered by the dashboard) — and the durable backend serves; and every other check tagged
/// <see cref="Tag"/>, wherever it is registered (the SMTP server's, for one). 200 when all pass; 503 problem+json naming
/// those that do not and why ("unreachable", or the check's own reason such as "not migrated"). Each check has
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

    /// <summary>Maps <c>GET /readyz</c> (no authentication: it says only which parts answer).</summary>
    public static RouteHandlerBuilder MapReadiness(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/readyz", GetAsync)
            .WithTags("Health")
            .WithSummary("Readiness: every store reachable and migrated, the durable backend serving")
            .WithDescription("200 when the app store, the statistics store, the durable backend and every other readiness check pass; 503 problem+json naming those that do not, and why.");

    /// <summary>The answer of <c>/readyz</c>, for any host (the Functions app's HTTP function calls it too).</summary>
    internal static async Task<Results<Ok<ReadinessReport>, ProblemHttpResult>> GetAsync(ReadinessCache cache)
    {
        var report = await cache.GetAsync();
        var checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString());
        var down = report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).OrderBy(e => e.Key, StringComparer.Ordinal).ToList();
        if (down.Count == 0)
        {
            return TypedResults.Ok(new ReadinessReport("Ready", checks));
        }

        // An exception's text (a host name, a socket error) stays in the log; the answer says only what kind of trouble.
        var reasons = down.ToDictionary(e => e.Key, e => e.Value.Exception is null && !string.IsNullOrWhiteSpace(e.Value.Description) ? e.Value.Description : "unreachable");
        return TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Not ready",
            detail: $"Not ready: {string.Join("; ", reasons.Select(r => $"{r.Key} ({r.Value})"))}. The service keeps running and recovers by itself when they return.",
            extensions: new Dictionary<string, object?> { ["checks"] = checks, ["unreachable"] = down.Select(e => e.Key).ToList(), ["reasons"] = reasons });
    }
}

/// <summary>
/// <c>GET /healthz</c>: the process is alive and answers HTTP. Nothing else is checked: a process cut off from its
/// database is not restarted (it recovers by itself); <c>/readyz</c> says whether it can work.
/// </summary>
public static class Liveness
{
    /// <summary>Maps <c>GET /healthz</c> (no authentication).</summary>
    public static RouteHandlerBuilder MapLiveness(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/healthz", Get)
            .WithName("Liveness")
            .WithTags("Health")
            .WithSummary("Liveness: the process answers")
            .WithDescription("Always 200 text/plain \"Healthy\" while the process runs; readiness is /readyz.");

    /// <summary>The answer of <c>/healthz</c>, for any host.</summary>
    internal static ContentHttpResult Get(HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-store, no-cache";
        return TypedResults.Text("Healthy", "text/plain");
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

/// <summary>The app store (app.db, or the PostgreSQL schema app) answers, with the schema version this service migrates it to.</summary>
internal sealed class AppStoreHealthCheck(AppDatabase database) : IHealthCheck
{
    public const string Name = "app store";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // Reachable is not enough: a store restored from an older backup (or never migrated) fails every feature's SQL.
        var (found, needed) = await database.SchemaVersionAsync(cancellationToken);
        return found == needed
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"not migrated: schema version {found}, this service needs {needed}");
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
