namespace Dashboard.Statistics;

/// <summary>Everything the page, the report, the exports and <c>GET /api/statistics</c> show.</summary>
internal sealed record StatisticsReport(
    FilterEcho Filter,
    EpisodeMeasures Period,
    IReadOnlyList<UnitTypeMeasures> Acknowledgements,
    IReadOnlyList<TrendPoint> Weekly,
    IReadOnlyList<TrendPoint> Monthly,
    IReadOnlyList<GroupMeasures> Municipalities,
    IReadOnlyList<GroupMeasures> CareTypes,
    BeforeAfter? Comparison,
    NowMeasures? Now = null);

internal sealed record FilterEcho(
    DateOnly From,
    DateOnly To,
    string? Municipality,
    string? Ward,
    string? CareType,
    IReadOnlyList<string> Needs,
    DateOnly? CompareDate);

/// <summary>
/// One week or month of a trend. <see cref="Start"/> is the calendar week's Monday or the month's first day;
/// <see cref="From"/>–<see cref="To"/> is the part inside the chosen period, <see cref="Days"/> long, and
/// <see cref="Complete"/> is false when that is less than the whole week or month (the first and last often are).
/// </summary>
internal sealed record TrendPoint(
    string Key,
    string Label,
    DateOnly Start,
    EpisodeMeasures Measures,
    DateOnly From,
    DateOnly To,
    int Days,
    bool Complete);

internal sealed record GroupMeasures(string Key, string Name, EpisodeMeasures Measures);

/// <summary>
/// Before and after <see cref="Date"/>. The two sides are usually of different lengths, so
/// <see cref="BeforePeriod"/> and <see cref="AfterPeriod"/> give each side's dates, days and its totals per 30 days
/// and per ready episode; <see cref="Before"/> and <see cref="After"/> keep the raw totals, rates and averages.
/// </summary>
internal sealed record BeforeAfter(
    DateOnly Date,
    EpisodeMeasures Before,
    EpisodeMeasures After,
    IReadOnlyList<UnitTypeMeasures> AcknowledgementsBefore,
    IReadOnlyList<UnitTypeMeasures> AcknowledgementsAfter,
    ComparisonSide BeforePeriod,
    ComparisonSide AfterPeriod);

/// <summary>One side of <see cref="BeforeAfter"/>: its days (both ends included) and its totals made comparable.</summary>
internal sealed record ComparisonSide(
    DateOnly From,
    DateOnly To,
    int Days,
    double EpisodesPer30Days,
    double ReadyForDischargePer30Days,
    double DaysReadyForDischargePer30Days,
    double PaymentResponsibilityDaysPer30Days,
    decimal PaymentResponsibilityCostPer30Days,
    double? PaymentResponsibilityDaysPerReadyEpisode,
    decimal? PaymentResponsibilityCostPerReadyEpisode)
{
    public static ComparisonSide Of(DateOnly from, DateOnly to, EpisodeMeasures m)
    {
        var days = to.DayNumber - from.DayNumber + 1;
        double Per30(long total) => total * 30.0 / days;
        return new ComparisonSide(
            from,
            to,
            days,
            Per30(m.Episodes),
            Per30(m.ReadyForDischarge),
            Per30(m.DaysReadyForDischarge),
            Per30(m.PaymentResponsibilityDays),
            // Kronor to the öre, as the totals are.
            Math.Round(m.PaymentResponsibilityCost * 30 / days, 2),
            m.ReadyForDischarge == 0 ? null : (double)m.PaymentResponsibilityDays / m.ReadyForDischarge,
            m.ReadyForDischarge == 0 ? null : Math.Round(m.PaymentResponsibilityCost / m.ReadyForDischarge, 2));
    }
}

/// <summary>"Just nu" from <see cref="IOpenTransitionsSource"/>; <see cref="Available"/> is false when none is registered.</summary>
internal sealed record NowMeasures(bool Available, int? Open, int? AwaitingAcknowledgement, int? Overdue);

internal sealed record EpisodeMeasures(
    long Episodes,
    long ReadyForDischarge,
    long DaysReadyForDischarge,
    double? AverageDaysReadyForDischarge,
    long DischargedAfterReady,
    long DischargedSameDay,
    double? SameDayDischargeShare,
    long PaymentResponsibilityDays,
    decimal PaymentResponsibilityCost,
    long AdmissionNotices,
    long AdmissionNoticesWithin24h,
    double? AdmissionNoticesWithin24hShare,
    long SipRequired,
    long SipCalledWithin3Days,
    double? SipCalledWithin3DaysShare,
    long Discharged,
    long ReadmittedWithin30Days,
    double? ReadmissionShare,
    long EpisodesWithWithdrawal,
    long Withdrawals)
{
    public static EpisodeMeasures From(MeasureTotals t) => new(
        t.Episodes,
        t.Ready,
        t.DaysReady,
        Ratio(t.DaysReady, t.Ready),
        t.ReadyDischarged,
        t.SameDay,
        Ratio(t.SameDay, t.ReadyDischarged),
        t.PaymentDays,
        t.PaymentCostOre / 100m,
        t.Notices,
        t.NoticesOnTime,
        Ratio(t.NoticesOnTime, t.Notices),
        t.SipRequired,
        t.SipOnTime,
        Ratio(t.SipOnTime, t.SipRequired),
        t.Discharged,
        t.Readmitted,
        Ratio(t.Readmitted, t.Discharged),
        t.WithWithdrawal,
        t.Withdrawals);

    // No episodes means no figure, not zero: "uppgift saknas" is shown instead of a false 0 %.
    private static double? Ratio(long part, long whole) => whole == 0 ? null : (double)part / whole;
}

internal sealed record UnitTypeMeasures(
    string UnitType,
    string Name,
    long Notified,
    long Acknowledged,
    int? MedianMinutes,
    int? P90Minutes,
    double? AcknowledgedBeforeReminderShare,
    double? AcknowledgedBeforeEscalationShare,
    long Escalations,
    long AcknowledgedByPhone = 0)
{
    public static UnitTypeMeasures From(int unitType, UnitTotals t) => new(
        UnitTypes.Names[unitType],
        UnitTypes.SwedishNames[unitType],
        t.Notified,
        t.Acknowledged,
        t.MedianMinutes,
        t.P90Minutes,
        t.Notified == 0 ? null : (double)t.BeforeReminder / t.Notified,
        t.Notified == 0 ? null : (double)t.BeforeEscalation / t.Notified,
        t.Escalated,
        t.ByPhone);
}
