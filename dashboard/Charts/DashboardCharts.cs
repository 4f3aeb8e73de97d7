using System.Globalization;
using Dashboard.Presentation;
using Dashboard.Statistics;

namespace Dashboard.Charts;

/// <summary>The charts the dashboard, the print report and the monthly report draw, built from one <see cref="StatisticsReport"/>.</summary>
internal static class DashboardCharts
{
    private static readonly CultureInfo Sv = SwedishCalendar.Swedish;

    public static ChartSpec Weekly(StatisticsReport report) => new(
        "chart-weekly",
        "Medelantal dagar som utskrivningsklar per vecka",
        ChartKind.Line,
        "Vecka",
        "Dagar",
        Categories(report.Weekly),
        [new ChartSeries("Medeldagar", report.Weekly.Select(w => w.Measures.AverageDaysReadyForDischarge).ToList())],
        Days,
        MarkerIndex(report.Weekly, report.Filter.CompareDate),
        Marker(report));

    public static ChartSpec MonthlyShares(StatisticsReport report) => new(
        "chart-monthly",
        "Andel utskrivna samma dag och återinskrivna inom 30 dagar per månad",
        ChartKind.Line,
        "Månad",
        "Procent",
        Categories(report.Monthly),
        [
            new ChartSeries("Utskrivna samma dag", report.Monthly.Select(m => m.Measures.SameDayDischargeShare * 100).ToList()),
            new ChartSeries("Återinskrivna inom 30 dagar", report.Monthly.Select(m => m.Measures.ReadmissionShare * 100).ToList()),
        ],
        Percent,
        MarkerIndex(report.Monthly, report.Filter.CompareDate),
        Marker(report));

    /// <summary>The monthly report's trend: average days per month (the dashboard shows it per week).</summary>
    public static ChartSpec MonthlyAverageDays(StatisticsReport report) => new(
        "chart-monthly-days",
        "Medelantal dagar som utskrivningsklar per månad",
        ChartKind.Line,
        "Månad",
        "Dagar",
        Categories(report.Monthly),
        [new ChartSeries("Medeldagar", report.Monthly.Select(m => m.Measures.AverageDaysReadyForDischarge).ToList())],
        Days,
        MarkerIndex(report.Monthly, report.Filter.CompareDate),
        Marker(report));

    public static ChartSpec MunicipalityDays(StatisticsReport report) => new(
        "chart-municipalities",
        "Medelantal dagar som utskrivningsklar per kommun",
        ChartKind.Bar,
        "Kommun",
        "Dagar",
        report.Municipalities.Select(m => m.Name).ToList(),
        [new ChartSeries("Medeldagar", report.Municipalities.Select(m => m.Measures.AverageDaysReadyForDischarge).ToList())],
        Days);

    public static ChartSpec MunicipalityPayment(StatisticsReport report) => new(
        "chart-payment",
        "Kostnad för betalningsansvar per kommun",
        ChartKind.Bar,
        "Kommun",
        "Kronor",
        report.Municipalities.Select(m => m.Name).ToList(),
        [new ChartSeries("Kostnad", report.Municipalities.Select(m => (double?)(double)m.Measures.PaymentResponsibilityCost).ToList())],
        v => v.ToString("N0", Sv) + " kr",
        WholeNumbers: true);

    public static ChartSpec Acknowledgements(StatisticsReport report) => new(
        "chart-acknowledgements",
        "Mediantid från avisering till kvittens per enhetstyp",
        ChartKind.Bar,
        "Enhetstyp",
        "Minuter",
        report.Acknowledgements.Select(a => a.Name).ToList(),
        // In whole minutes, as the table beside it and the CSV.
        [new ChartSeries("Mediantid", report.Acknowledgements.Select(a => (double?)a.MedianMinutes).ToList())],
        v => v.ToString("N0", Sv) + " min",
        WholeNumbers: true,
        TickSteps: ValueTicks.Minutes);

    /// <summary>A week or month the period cuts short is labelled "(del)", so its lower count is not read as a dip.</summary>
    public const string PartialSuffix = " (del)";

    private static List<string> Categories(IReadOnlyList<TrendPoint> points) =>
        points.Select(p => p.Complete ? p.Label : p.Label + PartialSuffix).ToList();

    private static string Days(double value) => value.ToString("0.#", Sv);

    private static string Percent(double value) => value.ToString("0", Sv) + " %";

    private static string? Marker(StatisticsReport report) =>
        report.Filter.CompareDate is { } c ? $"Jämförelsedatum {Html.Date(c)}" : null;

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
}
