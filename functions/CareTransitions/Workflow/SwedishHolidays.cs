namespace CareTransitions.Workflow;

/// <summary>
/// Swedish public holidays (helgdagar) plus the eves offices close on (midsommarafton, julafton,
/// nyårsafton), so an escalation on Christmas Eve goes to the on-call contact, not an empty office.
/// Pure date arithmetic, safe in orchestrators.
/// </summary>
internal static class SwedishHolidays
{
    public static bool IsHoliday(DateOnly date)
    {
        var easter = EasterSunday(date.Year);
        var midsummerEve = Enumerable.Range(19, 7).Select(d => new DateOnly(date.Year, 6, d)).First(d => d.DayOfWeek == DayOfWeek.Friday);
        return (date.Month, date.Day) is (1, 1) or (1, 6) or (5, 1) or (6, 6) or (12, 24) or (12, 25) or (12, 26) or (12, 31)
            || date == easter.AddDays(-2) // långfredagen
            || date == easter.AddDays(1) // annandag påsk
            || date == easter.AddDays(39) // Kristi himmelsfärds dag
            || date == midsummerEve;
    }

    /// <summary>Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).</summary>
    public static DateOnly EasterSunday(int year)
    {
        int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
        int f = (b + 8) / 25, g = (b - f + 1) / 3, h = ((19 * a) + b - d - g + 15) % 30;
        int i = c / 4, k = c % 4, l = (32 + (2 * e) + (2 * i) - h - k) % 7, m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }
}
