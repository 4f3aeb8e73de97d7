using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dashboard.Reports;

/// <summary>
/// At start, one log line with what the operator needs and the reports page no longer shows the steering group: where
/// the archive is, and whether the schedule sends (<c>Reports:Enabled</c>) and to how many.
/// </summary>
internal sealed class ReportSettingsLog(IReportArchive archive, ReportOptions options, ILogger<ReportSettingsLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        logger.ReportSettings(archive.Location, options.Enabled ? "on" : "off", options.Recipients.Count);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
