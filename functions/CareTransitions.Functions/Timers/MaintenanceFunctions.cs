using CareTransitions.Functions.Http;
using CareTransitions.Privacy;
using CareTransitions.Reports;
using Dashboard.Reports;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace CareTransitions.Functions.Timers;

/// <summary>What the standalone host runs in the background, on timer triggers here.</summary>
internal static class MaintenanceFunctions
{
    /// <summary>How long a finished instance's history is kept; the standalone backend's <c>Durable:CompletedInstanceRetention</c> default.</summary>
    public static readonly TimeSpan CompletedInstanceRetention = TimeSpan.FromDays(30);

    /// <summary>Hourly, as the standalone host's background service: expired acknowledgement tokens.</summary>
    [Function("RetentionCleanup")]
    public static Task<int> RetentionCleanup([TimerTrigger("0 5 * * * *")] TimerInfo timer, FunctionContext function) =>
        function.InstanceServices.GetRequiredService<RetentionCleanup>().RunOnceAsync(function.CancellationToken);

    /// <summary>
    /// Daily at 07:00 (UTC unless the platform's time zone says otherwise): the month's report if today is its day.
    /// <see cref="MonthlyReportSchedule.DueOn"/> reads Stockholm time itself, so a 07:00 UTC run (08:00 or 09:00 in
    /// Stockholm) still finds the first working day; <see cref="MonthlyReports.ProduceAndSendAsync"/> never sends a month twice.
    /// </summary>
    [Function("MonthlyReport")]
    public static async Task MonthlyReport([TimerTrigger("0 0 7 * * *")] TimerInfo timer, FunctionContext function)
    {
        var services = function.InstanceServices;
        if (MonthlyReportSchedule.DueOn(services.GetRequiredService<TimeProvider>().GetUtcNow()) is { } month)
        {
            await services.GetRequiredService<MonthlyReports>().ProduceAndSendAsync(month, function.CancellationToken);
        }
    }

    /// <summary>Daily: finished Durable instances older than the retention, as our backend purges them itself.</summary>
    [Function("PurgeFinishedInstances")]
    public static Task<PurgeResult> PurgeFinishedInstances(
        [TimerTrigger("0 30 2 * * *")] TimerInfo timer, [DurableClient] DurableTaskClient client, FunctionContext function) =>
        client.PurgeAllInstancesAsync(
            new PurgeInstancesFilter(
                CreatedFrom: null,
                CreatedTo: function.UseDurableClient(client).GetRequiredService<TimeProvider>().GetUtcNow() - CompletedInstanceRetention,
                Statuses: [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated]),
            function.CancellationToken);
}
