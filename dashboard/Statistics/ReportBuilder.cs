namespace Dashboard.Statistics;

/// <summary>Turns <see cref="ReportTotals"/> into a <see cref="StatisticsReport"/>; shared by every query implementation.</summary>
internal static class ReportBuilder
{
    public static StatisticsReport Build(StatisticsFilter filter, ReportTotals totals)
    {
        var echo = new FilterEcho(
            filter.From,
            filter.To,
            filter.Municipality,
            filter.Ward,
            filter.CareType is { } c ? CareTypes.Names[c] : null,
            filter.NeedNames,
            filter.CompareDate);

        // Every week and month of the period is listed, empty ones too, so a trend line shows gaps honestly.
        var weekly = new List<TrendPoint>();
        for (var start = SwedishCalendar.WeekStart(filter.FromDay); start <= filter.ToDay; start += 7)
        {
            var key = SwedishCalendar.WeekKey(start);
            weekly.Add(Point(
                filter,
                SwedishCalendar.WeekLabel(key),
                $"v{key % 100} {key / 100}",
                SwedishCalendar.Date(start),
                SwedishCalendar.Date(start + 6),
                totals.Weeks.GetValueOrDefault(key)));
        }
        var monthly = new List<TrendPoint>();
        for (var month = new DateOnly(filter.From.Year, filter.From.Month, 1); month <= filter.To; month = month.AddMonths(1))
        {
            var key = month.Year * 100 + month.Month;
            monthly.Add(Point(
                filter,
                $"{month.Year}-{month.Month:00}",
                SwedishCalendar.MonthLabel(key),
                month,
                month.AddMonths(1).AddDays(-1),
                totals.Months.GetValueOrDefault(key)));
        }

        var municipalities = totals.Municipalities
            .Select(m => new GroupMeasures(m.Key, MunicipalityNames.NameOf(m.Key), EpisodeMeasures.From(m.Value)))
            .OrderBy(m => m.Name, StringComparer.Create(SwedishCalendar.Swedish, ignoreCase: true))
            .ToList();
        var careTypes = Enumerable.Range(0, CareTypes.Names.Length)
            .Where(i => filter.CareType is null || filter.CareType == i)
            .Select(i => new GroupMeasures(CareTypes.Names[i], CareTypes.SwedishNames[i], EpisodeMeasures.From(totals.CareTypes[i])))
            .ToList();

        BeforeAfter? comparison = filter.CompareDate is { } date
            ? Comparison(filter, date, totals)
            : null;

        return new StatisticsReport(
            echo,
            EpisodeMeasures.From(totals.Period),
            Units(totals.Units),
            weekly,
            monthly,
            municipalities,
            careTypes,
            comparison);
    }

    // A week or month cut by the period's ends is kept (its episodes count in the period's totals) but marked partial.
    private static TrendPoint Point(StatisticsFilter filter, string key, string label, DateOnly start, DateOnly end, MeasureTotals? totals)
    {
        var from = start < filter.From ? filter.From : start;
        var to = end > filter.To ? filter.To : end;
        return new TrendPoint(
            key,
            label,
            start,
            EpisodeMeasures.From(totals ?? new MeasureTotals()),
            from,
            to,
            to.DayNumber - from.DayNumber + 1,
            from == start && to == end);
    }

    private static BeforeAfter Comparison(StatisticsFilter filter, DateOnly date, ReportTotals totals)
    {
        var before = EpisodeMeasures.From(totals.Before);
        var after = EpisodeMeasures.From(totals.After);
        return new BeforeAfter(
            date,
            before,
            after,
            Units(totals.UnitsBefore),
            Units(totals.UnitsAfter),
            ComparisonSide.Of(filter.From, date.AddDays(-1), before),
            ComparisonSide.Of(date, filter.To, after));
    }

    // The five unit types the workflow notifies are always listed; "Other" only when something was counted there.
    private static List<UnitTypeMeasures> Units(UnitTotals[] units) =>
        Enumerable.Range(0, UnitTypes.Count)
            .Where(i => i != UnitTypes.Other || units[i].Notified > 0)
            .Select(i => UnitTypeMeasures.From(i, units[i]))
            .ToList();
}
