using Dashboard.Statistics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Dashboard.Exports;

/// <summary><c>/dashboard/export/{table}.{csv|xlsx}</c>: the table behind a chart, with the page's filters.</summary>
internal static class ExportEndpoints
{
    public static RouteGroupBuilder MapDashboardExports(this RouteGroupBuilder group)
    {
        group.MapGet("/export/{table}.{format}", ExportAsync)
            .WithName("ExportStatisticsTable")
            .WithSummary("The table behind one chart as CSV or .xlsx")
            .WithDescription("table: one of the dashboard's table ids (404 names them); format: csv or xlsx. Same filters as /dashboard in the query.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv", additionalContentTypes: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    internal static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> ExportAsync(
        string table, string format, HttpContext context, StatisticsService statistics, CancellationToken cancellationToken)
    {
        if (format is not ("csv" or "xlsx"))
        {
            return DashboardProblems.Invalid(new Dictionary<string, string[]> { ["format"] = ["Välj csv eller xlsx."] },
                "Okänt filformat", "Tabellerna finns som CSV och Excel (.xlsx).");
        }
        var (filter, errors) = StatisticsFilterParser.Parse(context.Request.Query, statistics.Today);
        if (filter is null)
        {
            return DashboardProblems.InvalidFilter(errors);
        }
        var report = await statistics.ReportAsync(filter, context.RequestServices, cancellationToken);
        if (ReportTables.ById(report, table) is not { } data)
        {
            return table == "fore-efter"
                ? TypedResults.Problem("Jämförelsen före/efter kräver ett jämförelsedatum (compareDate).", statusCode: StatusCodes.Status400BadRequest, title: "Jämförelsedatum saknas")
                : TypedResults.Problem($"Tabellen '{table}' finns inte. Välj en av: {string.Join(", ", ReportTables.Ids)}.", statusCode: StatusCodes.Status404NotFound, title: "Okänd tabell");
        }
        var wardName = filter.Ward is { } ward ? statistics.Choices().Wards.FirstOrDefault(w => w.HsaId == ward).Name : null;
        var selection = ExportSelection.Of(filter, data, wardName, statistics.Now, format);
        return format == "csv"
            ? TypedResults.File(CsvExport.Write(data, selection), "text/csv; charset=utf-8", selection.FileName)
            : TypedResults.File(XlsxExport.Write(data, selection), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", selection.FileName);
    }
}
