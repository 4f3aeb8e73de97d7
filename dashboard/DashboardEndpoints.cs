using Dashboard.Exports;
using Dashboard.Presentation;
using Dashboard.Reports;
using Dashboard.Security;
using Dashboard.Statistics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Dashboard;

/// <summary>Maps the steering-group dashboard's pages, exports and JSON.</summary>
public static class DashboardEndpoints
{
    /// <summary>
    /// Maps <c>/dashboard</c> (the page), <c>/dashboard/rapport</c> (the print report),
    /// <c>/dashboard/export/{table}.{csv|xlsx}</c> (the table behind each chart), <c>/dashboard/rapporter</c>
    /// (the monthly reports: the archive, and any month's .xlsx on demand) and
    /// <c>GET /api/statistics</c> (the same figures as JSON). Outside Development every route requires a
    /// signed-in user with the steering role (App Service Authentication's <c>X-MS-CLIENT-PRINCIPAL</c>).
    /// </summary>
    /// <param name="endpoints">The endpoint route builder.</param>
    /// <returns>The same endpoint route builder.</returns>
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        var pages = endpoints.MapGroup("/dashboard")
            .AddEndpointFilter<SteeringRoleFilter>()
            .WithTags("Dashboard")
            .DocumentSteeringAccess();
        pages.MapDashboardPages();
        pages.MapDashboardExports();
        pages.MapReportPages();

        endpoints.MapGroup("/api/statistics")
            .AddEndpointFilter<SteeringRoleFilter>()
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
