namespace CareTransitions.Workflow;

/// <summary>
/// Swedish local time, for the rules the law and the agreements state in local calendar days and
/// clock times. Pure: the same instant gives the same answer, so orchestrators may use it.
/// </summary>
internal static class SwedishTime
{
    public const string ZoneId = "Europe/Stockholm";

    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById(ZoneId);

    public static DateTime ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone).DateTime;

    public static DateOnly Date(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant));

    /// <summary>The instant <paramref name="date"/> begins in Sweden (midnight, in summer or winter time).</summary>
    public static DateTimeOffset StartOf(DateOnly date)
    {
        var midnight = date.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(midnight, Zone.GetUtcOffset(midnight));
    }

    public static DateTime ToLocal(DateTimeOffset instant, string zoneId) =>
        zoneId == ZoneId ? ToLocal(instant) : TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById(zoneId)).DateTime;
}

/// <summary>When the escalation contact answers; outside these hours escalations go to the on-call contact.</summary>
/// <param name="ClosedOnHolidays">Swedish public holidays and the eves offices close on count as closed.</param>
internal sealed record OfficeHours(string TimeZone, TimeOnly Opens, TimeOnly Closes, IReadOnlyList<DayOfWeek> Days, bool ClosedOnHolidays = true)
{
    public bool IsOpen(DateTimeOffset instant)
    {
        var local = SwedishTime.ToLocal(instant, this.TimeZone);
        var time = TimeOnly.FromDateTime(local);
        return this.Days.Contains(local.DayOfWeek) && time >= this.Opens && time < this.Closes
            && !(this.ClosedOnHolidays && SwedishHolidays.IsHoliday(DateOnly.FromDateTime(local)));
    }
}
