using System.Globalization;
using Dashboard.Storage;

namespace Dashboard.Statistics;

/// <summary>
/// The same report computed by plain GROUP BY queries over the raw outcome rows. It is the reference the
/// snapshot is tested against, and the baseline the benchmark reports as <c>naive_page_ms</c>.
/// </summary>
internal sealed class NaiveStatisticsQuery(StatisticsDatabase database, StatisticsOptions options) : IStatisticsQuery
{
    private const string Sums = """
        COUNT(*), SUM(is_ready), SUM(CASE WHEN is_ready = 1 THEN days_ready ELSE 0 END), SUM(ready_discharged),
        SUM(same_day), SUM(payment_days), SUM(has_notice), SUM(notice_on_time), SUM(sip_required), SUM(sip_on_time),
        SUM(is_discharged), SUM(readmitted), SUM(CASE WHEN withdrawals > 0 THEN 1 ELSE 0 END), SUM(withdrawals), end_year
        """;

    public StatisticsReport Compute(StatisticsFilter filter)
    {
        using var connection = database.Open();
        using var transaction = StatisticsDatabase.BeginRead(connection);
        var totals = new ReportTotals();
        var q = new NaiveCommands(connection, transaction, filter);

        q.Episodes($"SELECT {Sums}, 0 FROM outcomes o WHERE {q.Where} GROUP BY end_year", (_, s) => Add(totals.Period, s));
        q.Episodes($"SELECT {Sums}, end_week FROM outcomes o WHERE {q.Where} GROUP BY end_week, end_year",
            (key, s) => Add(ReportTotals.Bucket(totals.Weeks, Convert.ToInt32(key, CultureInfo.InvariantCulture)), s));
        q.Episodes($"SELECT {Sums}, end_month FROM outcomes o WHERE {q.Where} GROUP BY end_month, end_year",
            (key, s) => Add(ReportTotals.Bucket(totals.Months, Convert.ToInt32(key, CultureInfo.InvariantCulture)), s));
        q.Episodes($"SELECT {Sums}, municipality_code FROM outcomes o WHERE {q.Where} GROUP BY municipality_code, end_year",
            (key, s) => Add(ReportTotals.Bucket(totals.Municipalities, (string)key), s));
        q.Episodes($"SELECT {Sums}, care_type FROM outcomes o WHERE {q.Where} GROUP BY care_type, end_year",
            (key, s) => Add(totals.CareTypes[Convert.ToInt32(key, CultureInfo.InvariantCulture)], s));

        Units(q, totals.Units, "1 = 1");
        if (filter.CompareDate is { } compare)
        {
            const string after = "CASE WHEN end_day >= @compare THEN 1 ELSE 0 END";
            q.Episodes($"SELECT {Sums}, {after} FROM outcomes o WHERE {q.Where} GROUP BY {after}, end_year",
                (key, s) => Add(Convert.ToInt32(key, CultureInfo.InvariantCulture) == 1 ? totals.After : totals.Before, s));
            Units(q, totals.UnitsBefore, "o.end_day < @compare");
            Units(q, totals.UnitsAfter, "o.end_day >= @compare");
        }
        return ReportBuilder.Build(filter, totals);
    }

    public FilterChoices Choices()
    {
        using var connection = database.Open();
        var municipalities = NaiveCommands.Pairs(connection, "SELECT DISTINCT municipality_code, '' FROM outcomes")
            .Select(p => (p.Key, MunicipalityNames.NameOf(p.Key))).OrderBy(m => m.Item2, StringComparer.Create(SwedishCalendar.Swedish, ignoreCase: true)).ToList();
        var wards = NaiveCommands.Pairs(connection, "SELECT ward_hsa_id, MAX(ward_name) FROM outcomes GROUP BY ward_hsa_id")
            .Select(p => (p.Key, p.Value)).OrderBy(w => w.Value, StringComparer.Create(SwedishCalendar.Swedish, ignoreCase: true)).ToList();
        return new FilterChoices(municipalities, wards);
    }

    private void Add(MeasureTotals t, long[] s)
    {
        var sum = new MeasureTotals
        {
            Episodes = s[0], Ready = s[1], DaysReady = s[2], ReadyDischarged = s[3], SameDay = s[4],
            PaymentDays = s[5], PaymentCostOre = s[5] * options.DailyAmountOreFor((int)s[14]),
            Notices = s[6], NoticesOnTime = s[7], SipRequired = s[8], SipOnTime = s[9], Discharged = s[10],
            Readmitted = s[11], WithWithdrawal = s[12], Withdrawals = s[13],
        };
        t.Add(sum);
    }

    private static void Units(NaiveCommands q, UnitTotals[] units, string side)
    {
        q.Rows($"""
            SELECT u.unit_type, COUNT(*), SUM(u.is_acknowledged), SUM(u.before_reminder), SUM(u.before_escalation), SUM(u.escalated), SUM(u.by_phone)
            FROM outcome_units u JOIN outcomes o ON o.id = u.outcome_id
            WHERE {q.Where} AND {side} GROUP BY u.unit_type
            """, r =>
        {
            var t = units[r.GetInt32(0)];
            (t.Notified, t.Acknowledged, t.BeforeReminder, t.BeforeEscalation, t.Escalated, t.ByPhone) =
                (Long(r, 1), Long(r, 2), Long(r, 3), Long(r, 4), Long(r, 5), Long(r, 6));
        });
        for (var type = 0; type < units.Length; type++)
        {
            var t = units[type];
            if (t.Acknowledged == 0)
            {
                continue;
            }
            var sql = $"""
                SELECT u.ack_minutes FROM outcome_units u JOIN outcomes o ON o.id = u.outcome_id
                WHERE {q.Where} AND {side} AND u.unit_type = {type} AND u.is_acknowledged = 1
                ORDER BY u.ack_minutes LIMIT 1 OFFSET @offset
                """;
            t.MedianMinutes = q.Minutes(sql, MinuteHistogram.RankOf(0.5, t.Acknowledged) - 1);
            t.P90Minutes = q.Minutes(sql, MinuteHistogram.RankOf(0.9, t.Acknowledged) - 1);
        }
    }

    private static long Long(System.Data.Common.DbDataReader reader, int ordinal) => Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);
}
