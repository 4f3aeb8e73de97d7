using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dashboard.Statistics;

/// <summary>Puts the stored figures and the live "now" counts together for one request.</summary>
internal sealed partial class StatisticsService(IStatisticsQuery query, TimeProvider clock, ILogger<StatisticsService> logger)
{
    private static readonly NowMeasures NotAvailable = new(false, null, null, null);

    public DateOnly Today => SwedishCalendar.DateOf(clock.GetUtcNow());

    /// <summary>The host's clock, for the time an export was produced.</summary>
    public DateTimeOffset Now => clock.GetUtcNow();

    public FilterChoices Choices() => query.Choices();

    // The request's services are passed in because an open-transitions source may be scoped.
    public async Task<StatisticsReport> ReportAsync(StatisticsFilter filter, IServiceProvider requestServices, CancellationToken cancellationToken)
    {
        var report = query.Compute(filter);
        return report with { Now = await NowAsync(filter, requestServices, cancellationToken) };
    }

    private async Task<NowMeasures> NowAsync(StatisticsFilter filter, IServiceProvider services, CancellationToken cancellationToken)
    {
        // Optional: only the service that runs the workflow can see open transitions.
        if (services.GetService<IOpenTransitionsSource>() is not { } source)
        {
            return NotAvailable;
        }
        var query = new OpenTransitionsQuery(
            filter.Municipality,
            filter.Ward,
            filter.CareType is { } c ? CareTypes.Names[c] : null,
            filter.NeedNames);
        try
        {
            var counts = await source.CountAsync(query, cancellationToken);
            return counts is null
                ? NotAvailable
                : new NowMeasures(true, counts.Open, counts.AwaitingAcknowledgement, counts.Overdue);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The period's figures are still right; "now" shows "uppgift saknas" and the failure goes to the log.
            logger.OpenTransitionCountsNotRead(e);
            return NotAvailable;
        }
    }
}
