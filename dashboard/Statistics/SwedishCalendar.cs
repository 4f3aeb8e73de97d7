using System.Globalization;

namespace Dashboard.Statistics;

/// <summary>
/// Dates as the steering group counts them: Swedish local dates, ISO weeks (vecka) and calendar months.
/// Days are <see cref="DateOnly.DayNumber"/> values so they fit in an int and compare cheaply.
/// </summary>
internal static class SwedishCalendar
{
    private static readonly TimeZoneInfo Zone = FindZone();

    public static DateOnly DateOf(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    /// <summary>The instant as a Swedish wall-clock time, for "framtagen" stamps.</summary>
    public static DateTimeOffset LocalTime(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    public static int DayOf(DateTimeOffset instant) => DateOf(instant).DayNumber;

    public static DateOnly Date(int day) => DateOnly.FromDayNumber(day);

    /// <summary>ISO week as yyyyww (e.g. 202405), the key the raw table groups by.</summary>
    public static int WeekKey(int day)
    {
        var date = Date(day).ToDateTime(TimeOnly.MinValue);
        return ISOWeek.GetYear(date) * 100 + ISOWeek.GetWeekOfYear(date);
    }

    /// <summary>The Monday that starts the ISO week containing <paramref name="day"/>.</summary>
    public static int WeekStart(int day) => day - ((int)Date(day).DayOfWeek + 6) % 7;

    /// <summary>Month as yyyymm (e.g. 202401).</summary>
    public static int MonthKey(int day)
    {
        var date = Date(day);
        return date.Year * 100 + date.Month;
    }

    public static int MonthStart(int day)
    {
        var date = Date(day);
        return new DateOnly(date.Year, date.Month, 1).DayNumber;
    }

    public static string WeekLabel(int weekKey) => $"{weekKey / 100}-V{weekKey % 100:00}";

    public static string MonthLabel(int monthKey) =>
        new DateOnly(monthKey / 100, monthKey % 100, 1).ToString("MMM yyyy", Swedish);

    public static readonly CultureInfo Swedish = CultureInfo.GetCultureInfo("sv-SE");

    private static TimeZoneInfo FindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");
        }
        catch (TimeZoneNotFoundException)
        {
            // A host without tzdata still gets Swedish winter time rather than a crash; summer dates near midnight may shift.
            return TimeZoneInfo.CreateCustomTimeZone("CET", TimeSpan.FromHours(1), "CET", "CET");
        }
    }
}
