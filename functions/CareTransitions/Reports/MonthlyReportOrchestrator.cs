using Dashboard.Reports;
using Microsoft.DurableTask;

namespace CareTransitions.Reports;

/// <summary>The schedule's input: the month to send next (null: the next one due from the clock), and how the last one went.</summary>
internal sealed record MonthlyReportScheduleInput(string? Month, string? Last = null);

/// <summary>What the schedule is waiting for, on the instance's custom status.</summary>
internal sealed record MonthlyReportScheduleStatus(string Month, DateTimeOffset DueAt, string? Last);

/// <summary>
/// The monthly report's schedule as an eternal orchestration: wait on a durable timer until the month's report
/// is due, send it (activity <see cref="SendMonthlyReport"/>), then start over for the next month with
/// ContinueAsNew. The timer lives in the durable store, so a restart neither loses the due time nor fires it twice;
/// the activity is idempotent, so a replay or a retry after a crash never sends a month twice.
/// </summary>
/// <remarks>
/// IMPORTANT: deterministic. Its time comes from <see cref="TaskOrchestrationContext.CurrentUtcDateTime"/>, the
/// schedule from pure date arithmetic (<see cref="MonthlyReportSchedule"/>), every piece of I/O from the activity.
/// </remarks>
internal sealed partial class MonthlyReportOrchestrator : TaskOrchestrator<MonthlyReportScheduleInput?, string?>
{
    /// <summary>The one instance of the schedule; starting it again while it runs is refused by the backend.</summary>
    public const string InstanceId = "monthly-steering-report";

    // Ten attempts, 30 s doubling to at most 30 min apart: about three hours for a mail server or storage to come back.
    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(
        new RetryPolicy(maxNumberOfAttempts: 10, firstRetryInterval: TimeSpan.FromSeconds(30), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromMinutes(30)));

    // After every retry failed, the same month is tried again this much later, until it goes out.
    private static readonly TimeSpan RetryLater = TimeSpan.FromHours(6);

    public override async Task<string?> RunAsync(TaskOrchestrationContext context, MonthlyReportScheduleInput? input)
    {
        var logger = context.CreateReplaySafeLogger<MonthlyReportOrchestrator>();
        var now = new DateTimeOffset(DateTime.SpecifyKind(context.CurrentUtcDateTime, DateTimeKind.Utc));
        var month = input?.Month is { } text ? ReportMonth.Parse(text) : MonthlyReportSchedule.NextDue(now);
        var due = MonthlyReportSchedule.DueAt(month);
        context.SetCustomStatus(new MonthlyReportScheduleStatus(month.ToString(), due, input?.Last));
        if (due > now)
        {
            await context.CreateTimer(due.UtcDateTime, CancellationToken.None);
        }

        try
        {
            var delivery = await context.CallActivityAsync<MonthlyReportDelivery>(nameof(SendMonthlyReport), month.ToString(), Retry);
            logger.MonthlyReportDone(month.ToString(), delivery.Outcome);
            context.ContinueAsNew(new MonthlyReportScheduleInput(month.Next.ToString(), $"{month}: {delivery.Outcome}"));
        }
        catch (TaskFailedException e)
        {
            // Never fail the schedule: a month that could not go out is tried again, and the months after it wait.
            logger.MonthlyReportFailed(month.ToString(), e.FailureDetails.ErrorMessage);
            await context.CreateTimer(context.CurrentUtcDateTime.Add(RetryLater), CancellationToken.None);
            context.ContinueAsNew(new MonthlyReportScheduleInput(month.ToString(), $"{month}: failed ({e.FailureDetails.ErrorMessage})"));
        }
        return null;
    }
}
