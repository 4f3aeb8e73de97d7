using Dashboard.Charts;
using Dashboard.Exports;
using Dashboard.Presentation;

namespace Dashboard.Reports;

/// <summary>
/// The report as an .xlsx: a summary sheet (key figures with their definitions, before/after), the trend, per
/// municipality, per unit type and per care type, each table with its chart embedded as a PNG.
/// </summary>
internal static class MonthlyReportWorkbook
{
    public static byte[] Write(MonthlyReport report, IReadOnlyDictionary<string, byte[]> charts)
    {
        var workbook = new XlsxWorkbook();
        Summary(workbook.AddSheet("Sammanfattning"), report);

        var trend = workbook.AddSheet("Trender").Width(0, 14).Width(1, 14);
        trend.Row(XlsxStyle.Title, $"Trend, {report.Trend.Monthly.Count} månader till och med {report.Month.SwedishName}").Blank();
        Chart(trend, charts, report.Charts[0]);
        Chart(trend, charts, report.Charts[1]);
        trend.Table(Exports.ReportTables.ById(report.Trend, "manader")!);

        var municipalities = workbook.AddSheet("Per kommun").Width(0, 12).Width(1, 18);
        municipalities.Row(XlsxStyle.Title, $"Per kommun, {report.Month.SwedishName}").Blank();
        if (report.IsEmpty)
        {
            municipalities.Row(EmptyNote(report));
        }
        else
        {
            Chart(municipalities, charts, report.Charts[2]);
            municipalities.Table(Exports.ReportTables.ById(report.Figures, "kommuner")!);
        }

        var units = workbook.AddSheet("Per enhetstyp").Width(0, 24);
        units.Row(XlsxStyle.Title, $"Kvittenser per enhetstyp, {report.Month.SwedishName}").Row(MeasureDefinitions.Acknowledgement).Blank();
        Chart(units, charts, report.Charts[3]);
        units.Table(Exports.ReportTables.ById(report.Figures, "kvittenser")!);

        var care = workbook.AddSheet("Per vårdform").Width(0, 18);
        care.Row(XlsxStyle.Title, $"Per vårdform, {report.Month.SwedishName}").Blank();
        care.Table(Exports.ReportTables.ById(report.Figures, "vardformer")!);
        return workbook.ToBytes();
    }

    /// <summary>The key figures: one row each, name, value (a number a spreadsheet can compute with), basis and definition.</summary>
    public const int FirstKeyFigureRow = 6;

    private static void Summary(XlsxSheet sheet, MonthlyReport report)
    {
        sheet.Width(0, 42).Width(1, 16).Width(2, 30).Width(3, 110);
        sheet.Row(XlsxStyle.Title, $"{report.Title} – utskrivning från slutenvård");
        sheet.Row($"Period: {Html.Date(report.Month.FirstDay)} – {Html.Date(report.Month.LastDay)}. Framtagen {Html.Iso(report.ProducedOn)}.");
        sheet.Row(report.IsEmpty ? EmptyNote(report) : report.IsPreliminary ? PreliminaryNote : MeasureDefinitions.Period);
        sheet.Blank();
        sheet.Row(XlsxStyle.Bold, "Mått", "Värde", "Underlag", "Definition");
        foreach (var figure in KeyFigureList.Of(report.Figures))
        {
            sheet.Row(XlsxStyle.Wrapped, figure.Name, figure.Value, figure.Detail, figure.Definition);
        }
        sheet.Blank();
        if (report.Comparison is { Comparison: { } c } comparison)
        {
            sheet.Row(XlsxStyle.Bold, $"Före och efter {Html.Date(c.Date)}");
            sheet.Row(ComparisonPeriods(comparison.Filter.From, c.Date, comparison.Filter.To));
            sheet.Table(Exports.ReportTables.ById(comparison, "fore-efter")!);
        }
        else if (report.ReformDate is { } reform)
        {
            sheet.Row($"Jämförelsedatumet {Html.Date(reform)} ligger efter rapportmånaden; ingen jämförelse före/efter.");
        }
    }

    private static void Chart(XlsxSheet sheet, IReadOnlyDictionary<string, byte[]> charts, ChartSpec spec)
    {
        var (width, height) = ChartRenderer.SizeOf(spec);
        sheet.Row(XlsxStyle.Bold, spec.Title);
        sheet.Image(charts[spec.Id], width, height, spec.Title, spec.Describe());
    }

    public const string PreliminaryNote = "Månaden har inte slutat: siffrorna är preliminära och ändras när fler vårdtillfällen avslutas.";

    public static string EmptyNote(MonthlyReport report) =>
        $"Inga vårdtillfällen avslutades under {report.Month.SwedishName}: nyckeltalen saknar underlag för månaden.";

    public static string ComparisonPeriods(DateOnly from, DateOnly date, DateOnly to) =>
        $"Före: {Html.Date(from)} – {Html.Date(date.AddDays(-1))}. Efter: {Html.Date(date)} – {Html.Date(to)} (lika många dagar på båda sidor, högst fem år).";
}
