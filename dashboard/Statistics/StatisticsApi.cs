using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Dashboard.Statistics;

/// <summary><c>GET /api/statistics</c>: the dashboard's figures as camelCase JSON.</summary>
internal static class StatisticsApi
{
    // IMPORTANT: the JSON is a public contract for other tools; keep camelCase and these names stable.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static RouteGroupBuilder MapStatisticsApi(this RouteGroupBuilder group)
    {
        group.MapGet("/", GetAsync)
            .WithName("GetStatistics")
            .WithSummary("Follow-up statistics for the steering group")
            .WithDescription("Same filters as /dashboard: from, to (yyyy-MM-dd), municipality (SCB code), ward (HSA-id), careType (Somatic|Psychiatric), needs (repeatable), compareDate (yyyy-MM-dd).")
            .Produces<StatisticsReport>(StatusCodes.Status200OK);
        return group;
    }

    internal static async Task<Results<JsonHttpResult<StatisticsReport>, ValidationProblem>> GetAsync(
        HttpContext context, StatisticsService statistics, CancellationToken cancellationToken)
    {
        var (filter, errors) = StatisticsFilterParser.Parse(context.Request.Query, statistics.Today);
        if (filter is null)
        {
            return DashboardProblems.InvalidFilter(errors);
        }
        var report = await statistics.ReportAsync(filter, context.RequestServices, cancellationToken);
        return TypedResults.Json(report, Json);
    }
}
