using CareTransitions.Workflow;
using Dashboard.Reports;

namespace CareTransitions.Reports;

/// <summary>
/// When a month's steering-group report goes out: on the first working day (vardag) of the next month at 07:00
/// Stockholm time, Swedish public holidays observed. Pure date arithmetic, safe in orchestrators.
/// </summary>
public static class MonthlyReportSchedule
{
    /// <summary>The local time the report is sent.</summary>
    public static readonly TimeOnly SendAt = new(7, 0);

    private static readonly TimeZoneInfo Stockholm = TimeZoneInfo.FindSystemTimeZoneById(SwedishTime.ZoneId);

    /// <summary>The first day of the month that is neither a weekend nor a Swedish public holiday.</summary>
    public static DateOnly FirstWorkingDay(int year, int month)
    {
        var day = new DateOnly(year, month, 1);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || SwedishHolidays.IsHoliday(day))
        {
            day = day.AddDays(1);
        }
        return day;
    }

    /// <summary>When <paramref name="month"/>'s report is due: the next month's first working day at 07:00 Stockholm time (as UTC).</summary>
    public static DateTimeOffset DueAt(ReportMonth month)
    {
        var next = month.Next;
        var local = FirstWorkingDay(next.Year, next.Month).ToDateTime(SendAt, DateTimeKind.Unspecified);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, Stockholm), TimeSpan.Zero);
    }

    /// <summary>The month whose report is due next after <paramref name="now"/> (its due time later than now).</summary>
    public static ReportMonth NextDue(DateTimeOffset now)
    {
        var previous = ReportMonth.Of(SwedishTime.Date(now)).Previous;
        return DueAt(previous) > now ? previous : previous.Next;
    }

    /// <summary>The latest month whose report was due at or before <paramref name="now"/>.</summary>
    public static ReportMonth LastDue(DateTimeOffset now) => NextDue(now).Previous;

    /// <summary>
    /// The month whose report is due today, if today is a first working day and it is 07:00 or later: what a
    /// timer trigger that fires daily checks before calling <see cref="MonthlyReports.ProduceAndSendAsync"/>.
    /// </summary>
    public static ReportMonth? DueOn(DateTimeOffset now)
    {
        var month = LastDue(now);
        return SwedishTime.Date(DueAt(month)) == SwedishTime.Date(now) ? month : null;
    }
}
