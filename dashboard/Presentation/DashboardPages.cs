using System.Text;
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
            return HtmlResults.Page(StatusCodes.Status400BadRequest, "Ogiltigt filter", ErrorBody(errors));
        }
        var report = await statistics.ReportAsync(filter, context.RequestServices, ct);
        var choices = statistics.Choices();
        var title = printMode ? $"Rapport: {DashboardPage.Title}" : DashboardPage.Title;
        return HtmlResults.Page(StatusCodes.Status200OK, title, DashboardPage.RenderBody(report, filter, choices, printMode), printMode);
    }

    private static string ErrorBody(Dictionary<string, string[]> errors)
    {
        var html = new StringBuilder("<h1>Filtret kunde inte användas</h1><div class=\"error\" role=\"alert\"><ul>");
        foreach (var (field, messages) in errors)
        {
            foreach (var message in messages)
            {
                html.Append("<li><strong>").Append(Html.Encode(field)).Append("</strong>: ").Append(Html.Encode(message)).Append("</li>");
            }
        }
        return html.Append("</ul></div><p><a href=\"/dashboard\">Börja om med standardfiltret</a></p>").ToString();
    }
}
