using Dashboard.Statistics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Dashboard.Demo;

/// <summary>What to generate: <paramref name="Count"/> outcomes ending over <paramref name="Days"/> days from <paramref name="Start"/>.</summary>
internal sealed record DemoOptions(int Count, int Seed, DateOnly Start, int Days, DateOnly ImprovementDate)
{
    /// <summary>Two years up to today, improving from the middle: the default of the demo-data command.</summary>
    public static DemoOptions Default(DateOnly today, int count = 100_000, int seed = 20171122) =>
        new(count, seed, today.AddDays(-730), 730, today.AddDays(-365));

    /// <summary>
    /// The dashboard over the generated days (at most the longest period the filter takes), compared at the improvement
    /// date when that lies inside. The period is written out, not left to the default (the last twelve months, which
    /// moves every day), and the dashboard's own parser checks the link, so the hint never leads to a 400.
    /// </summary>
    public string DashboardPath()
    {
        var to = Start.AddDays(Days - 1);
        var from = Start.DayNumber > to.DayNumber - StatisticsFilterParser.MaxPeriodDays ? Start : to.AddDays(1 - StatisticsFilterParser.MaxPeriodDays);
        var compared = new StatisticsFilter(from, to, CompareDate: ImprovementDate).ToQueryString();
        return StatisticsFilterParser.Parse(new QueryCollection(QueryHelpers.ParseQuery(compared)), to).Filter is not null
            ? "/dashboard" + compared
            : "/dashboard" + new StatisticsFilter(from, to).ToQueryString();
    }
}
