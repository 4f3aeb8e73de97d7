using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Statistics;

/// <summary>Puts the stored figures and the live "now" counts together for one request.</summary>
internal sealed class StatisticsService(IStatisticsQuery query, TimeProvider clock)
{
    public DateOnly Today => SwedishCalendar.DateOf(clock.GetUtcNow());

    public FilterChoices Choices() => query.Choices();

    // The request's services are passed in because an open-transitions source may be scoped.
    public async Task<StatisticsReport> ReportAsync(StatisticsFilter filter, IServiceProvider requestServices, CancellationToken cancellationToken)
    {
        var report = query.Compute(filter);
        return report with { Now = await NowAsync(filter, requestServices, cancellationToken) };
    }

    private static async Task<NowMeasures> NowAsync(StatisticsFilter filter, IServiceProvider services, CancellationToken cancellationToken)
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
