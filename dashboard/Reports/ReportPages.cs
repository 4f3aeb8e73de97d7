using System.Globalization;
using System.Text;
using Dashboard.Presentation;
using Dashboard.Statistics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Dashboard.Reports;

/// <summary>
/// <c>/dashboard/rapporter</c>: the archived monthly reports with download links, and any month's report
/// produced on demand. Under the dashboard's group, so under its access rule.
/// </summary>
internal static class ReportPages
{
    private const string WorkbookType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static RouteGroupBuilder MapReportPages(this RouteGroupBuilder group)
    {
        group.MapGet("/rapporter", ListAsync)
            .WithName("MonthlyReports")
            .WithSummary("The archived monthly steering-group reports (HTML)")
            .Produces<string>(StatusCodes.Status200OK, "text/html")
            .Produces(StatusCodes.Status302Found)
            .Produces<string>(StatusCodes.Status400BadRequest, "text/html");
        group.MapGet("/rapporter/{month}.xlsx", OnDemand)
            .WithName("MonthlyReportOnDemand")
            .WithSummary("Any month's report (yyyy-MM) as .xlsx, produced now from the current figures")
            .Produces(StatusCodes.Status200OK, contentType: WorkbookType);
        group.MapGet("/rapporter/arkiv/{month}.xlsx", ArchivedAsync)
            .WithName("ArchivedMonthlyReport")
            .WithSummary("A month's report as it was archived and sent (.xlsx)")
            .Produces(StatusCodes.Status200OK, contentType: WorkbookType)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    internal static async Task<IResult> ListAsync(HttpContext context, MonthlyReports reports, ReportOptions options, StatisticsService statistics, CancellationToken cancellationToken)
    {
        // The month picker is a plain GET form: ?manad=2026-11 goes on to that month's workbook.
        if (context.Request.Query["manad"].LastOrDefault() is { Length: > 0 } chosen)
        {
            return ReportMonth.TryParse(chosen.Trim(), out var month)
                ? TypedResults.Redirect($"/dashboard/rapporter/{month}.xlsx")
                : HtmlResults.Page(StatusCodes.Status400BadRequest, "Ogiltig månad",
                    $"<h1>Månaden kunde inte läsas</h1><div class=\"error\" role=\"alert\"><p>{Html.Encode(MonthError(chosen))}</p></div><p><a href=\"/dashboard/rapporter\">Tillbaka till rapporterna</a></p>");
        }
        var archived = await reports.Archive.ListAsync(cancellationToken);
        return HtmlResults.Page(StatusCodes.Status200OK, "Månadsrapporter till styrgruppen", Body(archived, options, statistics.Today));
    }

    internal static Results<FileContentHttpResult, ValidationProblem> OnDemand(string month, MonthlyReports reports, StatisticsService statistics)
    {
        if (!ReportMonth.TryParse(month, out var parsed))
        {
            return DashboardProblems.Invalid(new Dictionary<string, string[]> { ["month"] = [MonthError(month)] },
                "Ogiltig månad", "Månaden i adressen är ogiltig; se errors för hur den skrivs.");
        }
        if (parsed.FirstDay > statistics.Today)
        {
            return DashboardProblems.Invalid(new Dictionary<string, string[]> { ["month"] = [$"{parsed.SwedishName} har inte börjat än; välj en månad som har börjat."] },
                "Månaden har inte börjat", "Det finns ingen rapport för en månad som inte har börjat.");
        }
        var (report, _, workbook) = reports.Produce(parsed);
        return TypedResults.File(workbook, WorkbookType, report.FileName);
    }

    internal static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> ArchivedAsync(string month, MonthlyReports reports, CancellationToken cancellationToken)
    {
        if (!ReportMonth.TryParse(month, out var parsed))
        {
            return DashboardProblems.Invalid(new Dictionary<string, string[]> { ["month"] = [MonthError(month)] },
                "Ogiltig månad", "Månaden i adressen är ogiltig; se errors för hur den skrivs.");
        }
        return await reports.Archive.ReadAsync(parsed, cancellationToken) is { } workbook
            ? TypedResults.File(workbook, WorkbookType, MonthlyReport.FileNameOf(parsed))
            : TypedResults.Problem($"Rapporten för {parsed.SwedishName} finns inte i arkivet. Ta fram den på nytt: /dashboard/rapporter/{parsed}.xlsx.",
                statusCode: StatusCodes.Status404NotFound, title: "Rapporten finns inte i arkivet");
    }

    private static string MonthError(string text) =>
        $"'{text}' är ingen månad. Skriv månaden som ÅÅÅÅ-MM (månad 01–12, år 2000–2100), t.ex. 2026-11.";

    private static string Body(IReadOnlyList<ArchivedReport> archived, ReportOptions options, DateOnly today)
    {
        var previous = ReportMonth.Of(today).Previous;
        var html = new StringBuilder("<header><h1>Månadsrapporter till styrgruppen</h1>");
        html.Append("<p class=\"lead\">Varje månad skickas en rapport för föregående kalendermånad med e-post till styrgruppen, första vardagen kl. 07.00. ")
            .Append("Rapporten har nyckeltalen med definitioner, jämförelsen före och efter, trenddiagram och tabellerna per kommun och per enhetstyp.</p>");
        html.Append("<p class=\"no-print\"><a href=\"/dashboard\">Till översikten</a></p></header>");

        html.Append("""<section aria-labelledby="h-archive"><h2 id="h-archive">Arkiverade rapporter</h2>""");
        if (archived.Count == 0)
        {
            html.Append("<p>Inga rapporter har arkiverats än.</p>");
        }
        else
        {
            html.Append(TableHtml.ScrollRegion("caption-archived-reports"));
            html.Append("""<table id="archived-reports"><caption class="note" id="caption-archived-reports">Rapporterna som de skickades</caption><thead><tr><th scope="col">Månad</th><th scope="col">Skickad</th><th scope="col">Storlek</th><th scope="col">Ladda ner</th></tr></thead><tbody>""");
            foreach (var report in archived)
            {
                var sent = report.SentAt is { } at ? Html.Date(SwedishCalendar.DateOf(at)) : "inte skickad";
                html.Append("<tr><td>").Append(Html.Encode(report.Month.SwedishName)).Append("</td><td>").Append(Html.Encode(sent))
                    .Append("</td><td>").Append(Html.Encode((report.Size / 1024.0).ToString("N0", SwedishCalendar.Swedish))).Append(" kB</td><td>")
                    .Append(CultureInfo.InvariantCulture, $"""<a href="/dashboard/rapporter/arkiv/{report.Month}.xlsx">{Html.Encode(report.Name)}</a>""")
                    .Append(CultureInfo.InvariantCulture, $""" · <a href="/dashboard/rapporter/{report.Month}.xlsx">ta fram på nytt</a>""").Append("</td></tr>");
            }
            html.Append("</tbody></table></div>");
        }
        // Said to the steering group; where the archive is and which setting switches the sending go to the log (Logs.ReportSettings).
        html.Append("<p class=\"note\" id=\"report-sending\">")
            .Append(Html.Encode(options.Enabled
                ? $"Rapporten skickas automatiskt till {options.Recipients.Count} mottagare."
                : "Månadsrapporter skickas inte ut automatiskt just nu. Kontakta förvaltningen om styrgruppen ska få dem med e-post. Du kan ändå ta fram en rapport här nedan."))
            .Append("</p></section>");

        html.Append("""<section aria-labelledby="h-demand"><h2 id="h-demand">Ta fram en rapport</h2>""");
        html.Append("<p>Rapporten tas fram med dagens siffror; för en månad som inte har slutat är siffrorna preliminära.</p>");
        html.Append(CultureInfo.InvariantCulture,
            $"""<form class="filters" method="get" action="/dashboard/rapporter"><label>Månad (ÅÅÅÅ-MM)<input type="month" name="manad" value="{previous}" required></label><button type="submit">Ladda ner (.xlsx)</button></form>""");
        return html.Append("</section>").ToString();
    }
}
