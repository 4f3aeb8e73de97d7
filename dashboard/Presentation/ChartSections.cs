using System.Globalization;
using System.Text;
using Dashboard.Charts;
using Dashboard.Exports;
using Dashboard.Statistics;

namespace Dashboard.Presentation;

/// <summary>The charts, each followed by the table behind it and that table's export links.</summary>
internal static class ChartSections
{
    private static readonly CultureInfo Sv = SwedishCalendar.Swedish;

    public static string Render(StatisticsReport report, string query, bool printMode)
    {
        var html = new StringBuilder();
        var marker = report.Filter.CompareDate is { } c ? $"Jämförelsedatum {Html.Date(c)}" : null;
        string Days(double v) => v.ToString("0.#", Sv);
        string Pct(double v) => v.ToString("0", Sv) + " %";

        html.Append("""<section aria-labelledby="h-trends"><h2 id="h-trends">Trender</h2>""");
        Figure(html, new LineChart("chart-weekly", "Medelantal dagar som utskrivningsklar per vecka", "Dagar",
                report.Weekly.Select(w => w.Label).ToList(),
                [new LineSeries("Medeldagar", report.Weekly.Select(w => w.Measures.AverageDaysReadyForDischarge).ToList())],
                Days, MarkerIndex(report.Weekly, report.Filter.CompareDate), marker).Render(),
            MeasureDefinitions.AverageDays, ReportTables.ById(report, "veckor")!, query, printMode);
        Figure(html, new LineChart("chart-monthly", "Andel utskrivna samma dag och återinskrivna inom 30 dagar per månad", "Procent",
                report.Monthly.Select(m => m.Label).ToList(),
                [
                    new LineSeries("Utskrivna samma dag", report.Monthly.Select(m => m.Measures.SameDayDischargeShare * 100).ToList()),
                    new LineSeries("Återinskrivna inom 30 dagar", report.Monthly.Select(m => m.Measures.ReadmissionShare * 100).ToList()),
                ],
                Pct, MarkerIndex(report.Monthly, report.Filter.CompareDate), marker).Render(),
            MeasureDefinitions.SameDay + " " + MeasureDefinitions.Readmission, ReportTables.ById(report, "manader")!, query, printMode);
        html.Append("</section>");

        html.Append("""<section aria-labelledby="h-municipalities"><h2 id="h-municipalities">Per kommun</h2>""");
        Figure(html, new BarChart("chart-municipalities", "Medelantal dagar som utskrivningsklar per kommun", "Dagar",
                report.Municipalities.Select(m => new Bar(m.Name, m.Measures.AverageDaysReadyForDischarge)).ToList(), Days).Render(),
            MeasureDefinitions.AverageDays, null, query, printMode);
        Figure(html, new BarChart("chart-payment", "Kostnad för betalningsansvar per kommun", "Kronor",
                report.Municipalities.Select(m => new Bar(m.Name, (double)m.Measures.PaymentResponsibilityCost)).ToList(),
                v => v.ToString("N0", Sv) + " kr").Render(),
            MeasureDefinitions.Payment, ReportTables.ById(report, "kommuner")!, query, printMode);
        html.Append("</section>");

        html.Append("""<section aria-labelledby="h-ack"><h2 id="h-ack">Kvittenser per enhetstyp</h2>""");
        Figure(html, new BarChart("chart-acknowledgements", "Mediantid från avisering till kvittens per enhetstyp", "Timmar",
                report.Acknowledgements.Select(a => new Bar(a.Name, a.MedianMinutes / 60.0)).ToList(),
                v => v.ToString("0.#", Sv) + " h").Render(),
            MeasureDefinitions.Acknowledgement, ReportTables.ById(report, "kvittenser")!, query, printMode);
        html.Append("</section>");

        html.Append("""<section aria-labelledby="h-care"><h2 id="h-care">Per vårdform</h2>""");
        html.Append("<p class=\"note\">Psykiatrisk vård följer samma lag men ofta andra regler för betalningsansvar i överenskommelsen.</p>");
        var care = ReportTables.ById(report, "vardformer")!;
        html.Append(TableHtml.Render(care, collapsed: false)).Append(TableHtml.ExportLinks(care.Id, query));
        return html.Append("</section>").ToString();
    }

    /// <summary>The index of the bucket that contains the compare date, where the marker line goes.</summary>
    private static int? MarkerIndex(IReadOnlyList<TrendPoint> points, DateOnly? date)
    {
        if (date is not { } d)
        {
            return null;
        }
        var index = -1;
        for (var i = 0; i < points.Count && points[i].Start <= d; i++)
        {
            index = i;
        }
        return index < 0 ? null : index;
    }

    /// <summary>A chart with its caption; <paramref name="table"/> null when the next chart shares the same table.</summary>
    private static void Figure(StringBuilder html, string svg, string caption, ReportTable? table, string query, bool printMode)
    {
        html.Append("<figure>").Append(svg).Append("<figcaption>").Append(Html.Encode(caption)).Append("</figcaption></figure>");
        if (table is null)
        {
            return;
        }
        html.Append(TableHtml.Render(table, collapsed: !printMode));
        if (!printMode)
        {
            html.Append(TableHtml.ExportLinks(table.Id, query));
        }
    }
}
