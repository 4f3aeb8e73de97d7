using Dashboard.Reports;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CareTransitions.Reports;

/// <summary>
/// Starts the schedule's eternal instance (<see cref="MonthlyReportOrchestrator.InstanceId"/>) when the host
/// starts and <c>Reports:Enabled</c> is true. A running instance is left alone, so restarts never add a second
/// schedule or move its timer; a finished one (terminated by an operator) is started afresh.
/// </summary>
internal sealed partial class MonthlyReportScheduleStarter(
    DurableTaskClient client,
    IConfiguration configuration,
    ILogger<MonthlyReportScheduleStarter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue<bool>("Reports:Enabled"))
        {
            return;
        }
        // Reports:FirstMonth (yyyy-MM): where a new schedule starts, e.g. to send a month missed at installation.
        var first = configuration["Reports:FirstMonth"] is { Length: > 0 } text ? ReportMonth.Parse(text.Trim()).ToString() : null;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await this.StartOnceAsync(first, stoppingToken);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException && attempt < 10)
            {
                logger.ReportScheduleRetry(e);
                await Task.Delay(TimeSpan.FromSeconds(attempt * 2), stoppingToken);
            }
        }
    }

    private async Task StartOnceAsync(string? first, CancellationToken cancellationToken)
    {
        if (await client.GetInstanceAsync(MonthlyReportOrchestrator.InstanceId, cancellationToken) is { } existing && !IsFinished(existing.RuntimeStatus))
        {
            logger.ReportScheduleAlreadyRunning(MonthlyReportOrchestrator.InstanceId, existing.RuntimeStatus);
            return;
        }
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                nameof(MonthlyReportOrchestrator), new MonthlyReportScheduleInput(first), new StartOrchestrationOptions(MonthlyReportOrchestrator.InstanceId), cancellationToken);
            logger.ReportScheduleStarted(MonthlyReportOrchestrator.InstanceId);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The backend refuses a second instance for a running id: another instance of the service started
            // it a moment earlier, which is one schedule, as wanted. Anything else is a real failure.
            if (await client.GetInstanceAsync(MonthlyReportOrchestrator.InstanceId, cancellationToken) is not { } raced || IsFinished(raced.RuntimeStatus))
            {
                throw;
            }
            logger.ReportScheduleAlreadyRunning(MonthlyReportOrchestrator.InstanceId, raced.RuntimeStatus);
        }
    }

    private static bool IsFinished(OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;
}
