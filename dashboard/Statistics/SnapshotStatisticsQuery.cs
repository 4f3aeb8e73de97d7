using System.Buffers;
using Dashboard.Storage;

namespace Dashboard.Statistics;

/// <summary>Computes the whole report in one pass over the episodes and one over the unit notifications.</summary>
internal sealed class SnapshotStatisticsQuery(FactSnapshot snapshot, StatisticsOptions options) : IStatisticsQuery
{
    private static readonly StringComparer Swedish = StringComparer.Create(SwedishCalendar.Swedish, ignoreCase: true);

    public StatisticsReport Compute(StatisticsFilter filter)
    {
        var totals = snapshot.Read(view => Accumulate(view, filter));
        return ReportBuilder.Build(filter, totals);
    }

    public FilterChoices Choices() => snapshot.Read(view =>
    {
        var owner = view.Owner;
        return new FilterChoices(
            owner.MunicipalityCodes.Select(c => (c, MunicipalityNames.NameOf(c))).OrderBy(m => m.Item2, Swedish).ToList(),
            owner.WardIds.Select((id, i) => (id, owner.WardNameAt(i))).OrderBy(w => w.Item2, Swedish).ToList());
    });

    private ReportTotals Accumulate(SnapshotView view, StatisticsFilter filter)
    {
        var totals = new ReportTotals();
        var municipality = view.Owner.MunicipalityIndexOf(filter.Municipality);
        var ward = view.Owner.WardIndexOf(filter.Ward);
        var careType = filter.CareType ?? -1;
        var needs = filter.NeedsMask;
        var from = filter.FromDay;
        var days = filter.ToDay - from + 1;
        var compare = filter.CompareDate?.DayNumber ?? int.MaxValue;

        // Each episode is added to its day, municipality and care type only; days are folded into the period,
        // weeks, months and before/after afterwards. Cost is in öre so the loop adds integers only.
        var amountOre = new long[days];
        var byDay = new MeasureTotals[days];
        for (var d = 0; d < days; d++)
        {
            amountOre[d] = options.DailyAmountOreFor(SwedishCalendar.Date(from + d).Year);
            byDay[d] = new MeasureTotals();
        }
        var byMunicipality = new MeasureTotals?[view.Owner.MunicipalityCodes.Count];

        var episodes = view.Episodes;
        var selected = ArrayPool<sbyte>.Shared.Rent(episodes.Length); // 0 = out, 1 = before the compare date (or no compare), 2 = after
        try
        {
            for (var i = 0; i < episodes.Length; i++)
            {
                ref readonly var e = ref episodes[i];
                var d = e.EndDay - from;
                if ((uint)d >= (uint)days
                    || (municipality != -1 && e.Municipality != municipality)
                    || (ward != -1 && e.Ward != ward)
                    || (careType != -1 && e.CareType != careType)
                    || (e.Needs & needs) != needs)
                {
                    selected[i] = 0;
                    continue;
                }
                selected[i] = e.EndDay >= compare ? (sbyte)2 : (sbyte)1;
                var cost = e.PaymentDays * amountOre[d];
                Add(byDay[d], e, cost);
                Add(totals.CareTypes[e.CareType], e, cost);
                Add(byMunicipality[e.Municipality] ??= new MeasureTotals(), e, cost);
            }
            AccumulateUnits(view, selected, totals, filter.CompareDate is not null);
        }
        finally
        {
            ArrayPool<sbyte>.Shared.Return(selected);
        }

        for (var d = 0; d < days; d++)
        {
            var day = byDay[d];
            totals.Period.Add(day);
            ReportTotals.Bucket(totals.Weeks, SwedishCalendar.WeekKey(from + d)).Add(day);
            ReportTotals.Bucket(totals.Months, SwedishCalendar.MonthKey(from + d)).Add(day);
            (from + d >= compare ? totals.After : totals.Before).Add(day);
        }
        for (var m = 0; m < byMunicipality.Length; m++)
        {
            if (byMunicipality[m] is { } t)
            {
                totals.Municipalities[view.Owner.MunicipalityCodes[m]] = t;
            }
        }
        return totals;
    }

    private static void AccumulateUnits(SnapshotView view, sbyte[] selected, ReportTotals totals, bool compare)
    {
        var episodes = view.Episodes;
        var histograms = new MinuteHistogram?[3, UnitTypes.Count];
        foreach (ref readonly var u in view.Units)
        {
            var side = selected[u.Owner];
            if (side == 0 || u.Generation != episodes[u.Owner].Generation)
            {
                continue;
            }
            Add(totals.Units[u.UnitType], u, histograms[0, u.UnitType] ??= new MinuteHistogram());
            if (compare)
            {
                var sideTotals = side == 2 ? totals.UnitsAfter : totals.UnitsBefore;
                Add(sideTotals[u.UnitType], u, histograms[side, u.UnitType] ??= new MinuteHistogram());
            }
        }
        var sets = new[] { totals.Units, totals.UnitsBefore, totals.UnitsAfter };
        for (var s = 0; s < 3; s++)
        {
            for (var t = 0; t < UnitTypes.Count; t++)
            {
                sets[s][t].MedianMinutes = histograms[s, t]?.Percentile(0.5);
                sets[s][t].P90Minutes = histograms[s, t]?.Percentile(0.9);
            }
        }
    }

    private static void Add(MeasureTotals t, in EpisodeFact e, long costOre)
    {
        var f = e.Flags;
        t.Episodes++;
        if ((f & FactFlags.Ready) != 0)
        {
            t.Ready++;
            t.DaysReady += e.DaysReady;
        }
        if ((f & FactFlags.ReadyDischarged) != 0) { t.ReadyDischarged++; }
        if ((f & FactFlags.SameDay) != 0) { t.SameDay++; }
        t.PaymentDays += e.PaymentDays;
        t.PaymentCostOre += costOre;
        if ((f & FactFlags.HasNotice) != 0) { t.Notices++; }
        if ((f & FactFlags.NoticeOnTime) != 0) { t.NoticesOnTime++; }
        if ((f & FactFlags.SipRequired) != 0) { t.SipRequired++; }
        if ((f & FactFlags.SipOnTime) != 0) { t.SipOnTime++; }
        if ((f & FactFlags.Discharged) != 0) { t.Discharged++; }
        if ((f & FactFlags.Readmitted) != 0) { t.Readmitted++; }
        if (e.Withdrawals > 0)
        {
            t.WithWithdrawal++;
            t.Withdrawals += e.Withdrawals;
        }
    }

    private static void Add(UnitTotals t, in UnitFact u, MinuteHistogram histogram)
    {
        t.Notified++;
        if ((u.Flags & FactFlags.Acknowledged) != 0)
        {
            t.Acknowledged++;
            histogram.Add(u.AckMinutes);
        }
        if ((u.Flags & FactFlags.BeforeReminder) != 0) { t.BeforeReminder++; }
        if ((u.Flags & FactFlags.BeforeEscalation) != 0) { t.BeforeEscalation++; }
        if ((u.Flags & FactFlags.Escalated) != 0) { t.Escalated++; }
        if ((u.Flags & FactFlags.ByPhone) != 0) { t.ByPhone++; }
    }
}
