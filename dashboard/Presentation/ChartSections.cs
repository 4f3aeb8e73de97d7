using System.Text;
using Dashboard.Charts;
using Dashboard.Exports;
using Dashboard.Statistics;

namespace Dashboard.Presentation;

/// <summary>The charts, each a figure with its own values, followed by the full table behind them and its export links.</summary>
internal static class ChartSections
{
    public static string Render(StatisticsReport report, string query, bool printMode)
    {
        var html = new StringBuilder();
        html.Append("""<section aria-labelledby="h-trends"><h2 id="h-trends">Trender</h2>""");
        html.Append(ChartFigure.Render(DashboardCharts.Weekly(report), WithPartialNote(MeasureDefinitions.AverageDays, report.Weekly), printMode));
        Table(html, ReportTables.ById(report, "veckor")!, query, printMode);
        html.Append(ChartFigure.Render(DashboardCharts.MonthlyShares(report), WithPartialNote(MeasureDefinitions.SameDay + " " + MeasureDefinitions.Readmission, report.Monthly), printMode));
        Table(html, ReportTables.ById(report, "manader")!, query, printMode);
        html.Append("</section>");

        html.Append("""<section aria-labelledby="h-municipalities"><h2 id="h-municipalities">Per kommun</h2>""");
        html.Append(ChartFigure.Render(DashboardCharts.MunicipalityDays(report), MeasureDefinitions.AverageDays, printMode));
        html.Append(ChartFigure.Render(DashboardCharts.MunicipalityPayment(report), MeasureDefinitions.Payment, printMode));
        Table(html, ReportTables.ById(report, "kommuner")!, query, printMode);
        html.Append("</section>");

        html.Append("""<section aria-labelledby="h-ack"><h2 id="h-ack">Kvittenser per enhetstyp</h2>""");
        html.Append(ChartFigure.Render(DashboardCharts.Acknowledgements(report), MeasureDefinitions.Acknowledgement, printMode));
        Table(html, ReportTables.ById(report, "kvittenser")!, query, printMode);
        html.Append("</section>");

        html.Append("""<section aria-labelledby="h-care"><h2 id="h-care">Per vårdform</h2>""");
        html.Append("<p class=\"note\">Psykiatrisk vård följer samma lag men ofta andra regler för betalningsansvar i överenskommelsen.</p>");
        var care = ReportTables.ById(report, "vardformer")!;
        html.Append(TableHtml.Render(care, collapsed: false)).Append(TableHtml.ExportLinks(care.Id, query));
        return html.Append("</section>").ToString();
    }

    /// <summary>Names the weeks or months the period cuts short, under the chart that marks them "(del)".</summary>
    private static string WithPartialNote(string definition, IReadOnlyList<TrendPoint> points)
    {
        var partial = points.Where(p => !p.Complete).Select(p => $"{p.Label} ({Html.Number(p.Days)} {(p.Days == 1 ? "dag" : "dagar")})").ToList();
        return partial.Count == 0
            ? definition
            : $"{definition} {MeasureDefinitions.PartialPeriod} Här: {string.Join(", ", partial)}.";
    }

    /// <summary>The full table behind a section's charts (every measure), with its CSV and .xlsx links on the page.</summary>
    private static void Table(StringBuilder html, ReportTable table, string query, bool printMode)
    {
        html.Append(TableHtml.Render(table, collapsed: !printMode, summary: $"Visa hela tabellen: {table.Title.ToLowerInvariant()}"));
        if (!printMode)
        {
            html.Append(TableHtml.ExportLinks(table.Id, query));
        }
    }
}
