using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Statistics;

/// <summary>Puts the stored figures and the live "now" counts together for one request.</summary>
internal sealed class StatisticsService(IStatisticsQuery query, TimeProvider clock, IServiceProvider services)
{
    public DateOnly Today => SwedishCalendar.DateOf(clock.GetUtcNow());

    public FilterChoices Choices() => query.Choices();

    public async Task<StatisticsReport> ReportAsync(StatisticsFilter filter, CancellationToken cancellationToken)
    {
        var report = query.Compute(filter);
        return report with { Now = await NowAsync(filter, cancellationToken) };
    }

    private async Task<NowMeasures> NowAsync(StatisticsFilter filter, CancellationToken cancellationToken)
    {
        // Optional: only the service that runs the workflow can see open transitions.
        if (services.GetService<IOpenTransitionsSource>() is not { } source)
        {
            return new NowMeasures(false, null, null, null);
        }
        var counts = await source.CountAsync(
            new OpenTransitionsQuery(
                filter.Municipality,
                filter.Ward,
                filter.CareType is { } c ? CareTypes.Names[c] : null,
                filter.NeedNames),
            cancellationToken);
        return counts is null
            ? new NowMeasures(false, null, null, null)
            : new NowMeasures(true, counts.Open, counts.AwaitingAcknowledgement, counts.Overdue);
    }
}
