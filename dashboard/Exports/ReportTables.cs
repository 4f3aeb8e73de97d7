using Dashboard.Statistics;

namespace Dashboard.Exports;

/// <summary>Builds the tables behind the charts from a report. Shares are in percent, rounded to one decimal.</summary>
internal static class ReportTables
{
    public static readonly string[] Ids = ["sammanfattning", "veckor", "manader", "kommuner", "vardformer", "kvittenser", "fore-efter"];

    private static readonly string[] EpisodeColumns =
    [
        "Vårdtillfällen", "Utskrivningsklara", "Dagar som utskrivningsklar", "Medeldagar", "Andel utskrivna samma dag (%)",
        "Betalningsansvarsdagar", "Kostnad betalningsansvar (kr)", "Inskrivningsmeddelanden inom 24 h (%)",
        "SIP kallad inom 3 dygn (%)", "Återinskrivna inom 30 dagar (%)", "Vårdtillfällen med avbrott",
    ];

    public static ReportTable? ById(StatisticsReport report, string id) => id switch
    {
        "sammanfattning" => Summary(report),
        "veckor" => Trend("veckor", "Per vecka", "Vecka", report.Weekly),
        "manader" => Trend("manader", "Per månad", "Månad", report.Monthly),
        "kommuner" => new ReportTable("kommuner", "Per kommun", ["Kommunkod", "Kommun", .. EpisodeColumns],
            report.Municipalities.Select(m => (object?[])[m.Key, m.Name, .. EpisodeCells(m.Measures)]).ToList()),
        "vardformer" => new ReportTable("vardformer", "Per vårdform", ["Vårdform", .. EpisodeColumns],
            report.CareTypes.Select(c => (object?[])[c.Name, .. EpisodeCells(c.Measures)]).ToList()),
        "kvittenser" => Acknowledgements("kvittenser", "Kvittenser per enhetstyp", report.Acknowledgements),
        "fore-efter" => report.Comparison is { } c ? BeforeAfter(c) : null,
        _ => null,
    };

    /// <summary>
    /// A trend table. A week or month the period cuts short says so in its last columns ("Hel period": Nej), and its
    /// dates are the days inside the period; the columns before them are as they always were.
    /// </summary>
    public static ReportTable Trend(string id, string title, string keyColumn, IReadOnlyList<TrendPoint> points) =>
        new(id, title, [keyColumn, "Från och med", .. EpisodeColumns, "Till och med", "Dagar i perioden", "Hel period"],
            points.Select(p => (object?[])[p.Key, Iso(p.From), .. EpisodeCells(p.Measures), Iso(p.To), (long)p.Days, p.Complete ? "Ja" : "Nej"]).ToList());

    public static ReportTable Acknowledgements(string id, string title, IReadOnlyList<UnitTypeMeasures> units) =>
        new(id, title,
            ["Enhetstyp", "Aviseringar", "Kvitterade", "Median (minuter)", "90:e percentil (minuter)",
             "Kvitterade före påminnelse (%)", "Kvitterade före eskalering (%)", "Eskaleringar"],
            units.Select(u => new object?[]
            {
                u.Name, u.Notified, u.Acknowledged, u.MedianMinutes is { } m ? (long)m : null, u.P90Minutes is { } p ? (long)p : null,
                Percent(u.AcknowledgedBeforeReminderShare), Percent(u.AcknowledgedBeforeEscalationShare), u.Escalations,
            }).ToList());

    private static ReportTable Summary(StatisticsReport report)
    {
        var p = report.Period;
        object?[] Row(string name, object? value) => [name, value];
        return new ReportTable("sammanfattning", "Sammanfattning", ["Mått", "Värde"],
        [
            Row("Period från", report.Filter.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            Row("Period till", report.Filter.To.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            .. EpisodeColumns.Zip(EpisodeCells(p), (name, value) => Row(name, value)),
            Row("Eskaleringar", report.Acknowledgements.Sum(a => a.Escalations)),
        ]);
    }

    private static ReportTable BeforeAfter(BeforeAfter c)
    {
        // The comparable figures first: the sides are of different lengths, so raw totals below are only the basis.
        var rows = ComparableRows(c.BeforePeriod, c.AfterPeriod);
        var before = EpisodeCells(c.Before);
        var after = EpisodeCells(c.After);
        rows.AddRange(EpisodeColumns.Select((name, i) => (object?[])[name, before[i], after[i]]));
        foreach (var (b, a) in c.AcknowledgementsBefore.Zip(c.AcknowledgementsAfter))
        {
            rows.Add([$"Median kvittenstid (minuter), {b.Name}", b.MedianMinutes is { } mb ? (long)mb : null, a.MedianMinutes is { } ma ? (long)ma : null]);
        }
        var date = c.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return new ReportTable("fore-efter", $"Före och efter {date}", ["Mått", $"Före {date}", $"Från {date}"], rows);
    }

    private static List<object?[]> ComparableRows(ComparisonSide before, ComparisonSide after)
    {
        object?[] Row(string name, Func<ComparisonSide, object?> value) => [name, value(before), value(after)];
        return
        [
            Row("Period från", s => Iso(s.From)),
            Row("Period till", s => Iso(s.To)),
            Row("Antal dagar", s => (long)s.Days),
            Row("Vårdtillfällen per 30 dagar", s => Math.Round(s.EpisodesPer30Days, 2)),
            Row("Utskrivningsklara per 30 dagar", s => Math.Round(s.ReadyForDischargePer30Days, 2)),
            Row("Dagar som utskrivningsklar per 30 dagar", s => Math.Round(s.DaysReadyForDischargePer30Days, 2)),
            Row("Betalningsansvarsdagar per 30 dagar", s => Math.Round(s.PaymentResponsibilityDaysPer30Days, 2)),
            Row("Kostnad betalningsansvar per 30 dagar (kr)", s => s.PaymentResponsibilityCostPer30Days),
            Row("Betalningsansvarsdagar per utskrivningsklart vårdtillfälle", s => s.PaymentResponsibilityDaysPerReadyEpisode is { } d ? Math.Round(d, 2) : null),
            Row("Kostnad betalningsansvar per utskrivningsklart vårdtillfälle (kr)", s => s.PaymentResponsibilityCostPerReadyEpisode),
        ];
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static object?[] EpisodeCells(EpisodeMeasures m) =>
    [
        m.Episodes, m.ReadyForDischarge, m.DaysReadyForDischarge,
        m.AverageDaysReadyForDischarge is { } avg ? Math.Round(avg, 2) : null,
        Percent(m.SameDayDischargeShare), m.PaymentResponsibilityDays, m.PaymentResponsibilityCost,
        Percent(m.AdmissionNoticesWithin24hShare), Percent(m.SipCalledWithin3DaysShare), Percent(m.ReadmissionShare),
        m.EpisodesWithWithdrawal,
    ];

    private static object? Percent(double? share) => share is { } s ? Math.Round(s * 100, 1) : null;
}
