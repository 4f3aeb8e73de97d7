using Dashboard.Statistics;

namespace Dashboard.Reports;

/// <summary>Computes a <see cref="MonthlyReport"/> with the dashboard's statistics query.</summary>
internal sealed class MonthlyReportBuilder(IStatisticsQuery query, ReportOptions options, TimeProvider clock)
{
    // The dashboard's filter allows at most ten years; each side of the comparison gets at most half.
    private const int MaxComparisonDays = 1_825;

    public MonthlyReport Build(ReportMonth month)
    {
        var today = SwedishCalendar.DateOf(clock.GetUtcNow());
        if (month.FirstDay > today)
        {
            throw new ArgumentOutOfRangeException(nameof(month), month, "The month has not begun yet.");
        }
        var comparison = ComparisonFilter(month, options.ReformDate) is { } compare ? query.Compute(compare) : null;
        return new MonthlyReport(
            month,
            query.Compute(MonthFilter(month)),
            query.Compute(TrendFilter(month, options.TrendMonths)),
            comparison,
            options.ReformDate,
            today);
    }

    /// <summary>The month itself: what <c>/api/statistics?from=&lt;first day&gt;&amp;to=&lt;last day&gt;</c> shows.</summary>
    public static StatisticsFilter MonthFilter(ReportMonth month) => new(month.FirstDay, month.LastDay);

    public static StatisticsFilter TrendFilter(ReportMonth month, int months) =>
        new(month.FirstDay.AddMonths(1 - months), month.LastDay);

    /// <summary>
    /// After: the reform date to the end of the report month. Before: as many days just before the reform date,
    /// so both sides cover the same length of time. None when the reform date is after the month.
    /// </summary>
    public static StatisticsFilter? ComparisonFilter(ReportMonth month, DateOnly? reformDate)
    {
        if (reformDate is not { } reform || reform > month.LastDay)
        {
            return null;
        }
        var days = Math.Min(month.LastDay.DayNumber - reform.DayNumber + 1, MaxComparisonDays);
        return new StatisticsFilter(reform.AddDays(-days), month.LastDay, CompareDate: reform);
    }
}
