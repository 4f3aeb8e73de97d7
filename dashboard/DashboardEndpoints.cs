using Dashboard.Exports;
using Dashboard.Presentation;
using Dashboard.Reports;
using Dashboard.Statistics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Dashboard;

/// <summary>Maps the steering-group dashboard's pages, exports and JSON.</summary>
public static class DashboardEndpoints
{
    /// <summary>
    /// The authorization policy every dashboard route requires (styrgruppen). The host defines it and how users sign in:
    /// the standalone service with OpenID Connect, requiring the role Styrgrupp.
    /// </summary>
    public const string SteeringGroupPolicy = "Styrgrupp";

    /// <summary>
    /// Maps <c>/dashboard</c> (the page), <c>/dashboard/rapport</c> (the print report),
    /// <c>/dashboard/export/{table}.{csv|xlsx}</c> (the table behind each chart), <c>/dashboard/rapporter</c>
    /// (the monthly reports: the archive, and any month's .xlsx on demand) and
    /// <c>GET /api/statistics</c> (the same figures as JSON). Every route requires the host's
    /// <see cref="SteeringGroupPolicy"/> policy.
    /// </summary>
    /// <param name="endpoints">The endpoint route builder.</param>
    /// <returns>The same endpoint route builder.</returns>
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        var pages = endpoints.MapGroup("/dashboard")
            .RequireAuthorization(SteeringGroupPolicy)
            .WithTags("Dashboard")
            .DocumentSteeringAccess();
        pages.MapDashboardPages();
        pages.MapDashboardExports();
        pages.MapReportPages();

        endpoints.MapGroup("/api/statistics")
            .RequireAuthorization(SteeringGroupPolicy)
            .WithTags("Statistics")
            .DocumentSteeringAccess()
            .MapStatisticsApi();
        return endpoints;
    }

    // For the OpenAPI document: who may call (401 not signed in, 403 without the role) and the store-outage 503.
    private static RouteGroupBuilder DocumentSteeringAccess(this RouteGroupBuilder group) => group
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
}
