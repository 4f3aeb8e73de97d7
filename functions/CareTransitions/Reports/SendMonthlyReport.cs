using Dashboard.Reports;
using Microsoft.DurableTask;

namespace CareTransitions.Reports;

/// <summary>
/// Produces, archives and emails one month's report (input <c>yyyy-MM</c>) through the dashboard's
/// <see cref="MonthlyReports.ProduceAndSendAsync"/>, which checks the archive's sent marker first, so running
/// again after a crash or a retry sends nothing twice.
/// </summary>
/// <remarks>The SDK's activity context has no cancellation token: the host's stopping token breaks off a slow mail server at shutdown.</remarks>
internal sealed class SendMonthlyReport(MonthlyReports reports, IHostApplicationLifetime lifetime) : TaskActivity<string, MonthlyReportDelivery>
{
    public override Task<MonthlyReportDelivery> RunAsync(TaskActivityContext context, string input) =>
        reports.ProduceAndSendAsync(ReportMonth.Parse(input), lifetime.ApplicationStopping);
}
