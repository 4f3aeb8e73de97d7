namespace CareTransitions.Reports;

/// <summary>The monthly report's schedule for a host that runs the Durable Task worker itself.</summary>
public static class ReportScheduleServiceCollectionExtensions
{
    /// <summary>
    /// Starts the eternal schedule orchestration at start when <c>Reports:Enabled</c> is true (the standalone
    /// service). A Functions app leaves this out: its timer trigger calls <c>MonthlyReports.ProduceAndSendAsync</c> instead.
    /// </summary>
    public static IServiceCollection AddMonthlyReportSchedule(this IServiceCollection services) =>
        services.AddHostedService<MonthlyReportScheduleStarter>();
}
