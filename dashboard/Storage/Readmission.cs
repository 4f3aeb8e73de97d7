using Dashboard.Statistics;

namespace Dashboard.Storage;

/// <summary>Återinskrivning: the rule in one place so the tests can pin it.</summary>
internal static class Readmission
{
    public const int WindowDays = 30;

    /// <summary>
    /// An episode that ended by discharge counts as readmitted when the same patient has another episode
    /// starting (admission, or ready-for-discharge when no admission notice was sent) after the discharge
    /// and at most 30 calendar days later (Swedish dates).
    /// </summary>
    public static bool IsReadmitted(DateTimeOffset? dischargedAt, IEnumerable<DateTimeOffset?> episodeStarts)
    {
        if (dischargedAt is not { } discharged)
        {
            return false;
        }
        var dischargeDay = SwedishCalendar.DayOf(discharged);
        foreach (var start in episodeStarts)
        {
            if (start is { } s && s > discharged && SwedishCalendar.DayOf(s) - dischargeDay <= WindowDays)
            {
                return true;
            }
        }
        return false;
    }
}
