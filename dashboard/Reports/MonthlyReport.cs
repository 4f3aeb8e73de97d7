using Dashboard.Charts;
using Dashboard.Statistics;

namespace Dashboard.Reports;

/// <summary>
/// Everything one month's steering-group report says, computed once and written out as the email and the .xlsx.
/// Every figure comes from the dashboard's own query with the filter named here, so the report and the
/// dashboard cannot disagree about the same month.
/// </summary>
/// <param name="Month">The report month.</param>
/// <param name="Figures">The month: key figures, per municipality, per unit type, per care type.</param>
/// <param name="Trend">The trend months up to and including the report month.</param>
/// <param name="Comparison">Before/after the reform date, when one is configured and falls before the month's end.</param>
/// <param name="ReformDate">The configured reform date, if any (also when it is after the month).</param>
/// <param name="ProducedOn">The Swedish date the report was produced.</param>
internal sealed record MonthlyReport(
    ReportMonth Month,
    StatisticsReport Figures,
    StatisticsReport Trend,
    StatisticsReport? Comparison,
    DateOnly? ReformDate,
    DateOnly ProducedOn)
{
    public const string FilePrefix = "styrgruppsrapport-";

    /// <summary>No care episode ended in the month: the report says so instead of showing empty figures.</summary>
    public bool IsEmpty => this.Figures.Period.Episodes == 0;

    /// <summary>The month has not ended yet (a report on demand): its figures are preliminary.</summary>
    public bool IsPreliminary => this.ProducedOn <= this.Month.LastDay;

    public string Title => $"Styrgruppsrapport {this.Month.SwedishName}";

    public string FileName => FileNameOf(this.Month);

    public static string FileNameOf(ReportMonth month) => $"{FilePrefix}{month}.xlsx";

    /// <summary>The report's charts, in the order the email and the workbook show them.</summary>
    public IReadOnlyList<ChartSpec> Charts =>
    [
        DashboardCharts.MonthlyAverageDays(this.Trend),
        DashboardCharts.MonthlyShares(this.Trend),
        DashboardCharts.MunicipalityDays(this.Figures),
        DashboardCharts.Acknowledgements(this.Figures),
    ];
}
