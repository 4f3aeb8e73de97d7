using Dashboard.Statistics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Dashboard.Presentation;

/// <summary><c>/dashboard</c> and <c>/dashboard/rapport</c>.</summary>
internal static class DashboardPages
{
    public static RouteGroupBuilder MapDashboardPages(this RouteGroupBuilder group)
    {
        group.MapGet("/", (HttpContext context, StatisticsService statistics, CancellationToken ct) => RenderAsync(context, statistics, printMode: false, ct))
            .WithName("Dashboard")
            .WithSummary("The steering group's dashboard (HTML)")
            .Produces<string>(StatusCodes.Status200OK, "text/html")
            .Produces<string>(StatusCodes.Status400BadRequest, "text/html");
        group.MapGet("/rapport", (HttpContext context, StatisticsService statistics, CancellationToken ct) => RenderAsync(context, statistics, printMode: true, ct))
            .WithName("DashboardReport")
            .WithSummary("A print-friendly report with the same filters (HTML)")
            .Produces<string>(StatusCodes.Status200OK, "text/html")
            .Produces<string>(StatusCodes.Status400BadRequest, "text/html");
        return group;
    }

    internal static async Task<ContentHttpResult> RenderAsync(HttpContext context, StatisticsService statistics, bool printMode, CancellationToken ct)
    {
        var (filter, errors) = StatisticsFilterParser.Parse(context.Request.Query, statistics.Today);
        if (filter is null)
        {
            // The page the user was on, with the form as they filled it in and each error beside its field.
            return HtmlResults.Page(StatusCodes.Status400BadRequest, $"Ogiltigt filter – {DashboardPage.Title}",
                DashboardPage.RenderRefused(FilterFormValues.Of(context.Request.Query), errors, statistics.Choices(), printMode ? "/dashboard/rapport" : "/dashboard"));
        }
        var report = await statistics.ReportAsync(filter, context.RequestServices, ct);
        var choices = statistics.Choices();
        var title = printMode ? $"Rapport: {DashboardPage.Title}" : DashboardPage.Title;
        return HtmlResults.Page(StatusCodes.Status200OK, title, DashboardPage.RenderBody(report, filter, choices, printMode), printMode);
    }
}
