namespace Dashboard.Statistics;

/// <summary>
/// Additive sums for a set of episodes. Both the snapshot and the naive SQL fill these, and one place
/// (<see cref="EpisodeMeasures.From"/>) turns them into averages and shares, so the two cannot drift apart.
/// </summary>
internal sealed class MeasureTotals
{
    public long Episodes;
    public long Ready;
    public long DaysReady;
    public long ReadyDischarged;
    public long SameDay;
    public long PaymentDays;
    /// <summary>In öre, so the hot loop adds integers; daily amounts are whole kronor or öre.</summary>
    public long PaymentCostOre;
    public long Notices;
    public long NoticesOnTime;
    public long SipRequired;
    public long SipOnTime;
    public long Discharged;
    public long Readmitted;
    public long WithWithdrawal;
    public long Withdrawals;

    public void Add(MeasureTotals other)
    {
        Episodes += other.Episodes;
        Ready += other.Ready;
        DaysReady += other.DaysReady;
        ReadyDischarged += other.ReadyDischarged;
        SameDay += other.SameDay;
        PaymentDays += other.PaymentDays;
        PaymentCostOre += other.PaymentCostOre;
        Notices += other.Notices;
        NoticesOnTime += other.NoticesOnTime;
        SipRequired += other.SipRequired;
        SipOnTime += other.SipOnTime;
        Discharged += other.Discharged;
        Readmitted += other.Readmitted;
        WithWithdrawal += other.WithWithdrawal;
        Withdrawals += other.Withdrawals;
    }
}

/// <summary>Sums for one unit type's notifications, plus the acknowledgement-time percentiles.</summary>
internal sealed class UnitTotals
{
    public long Notified;
    public long Acknowledged;
    public long BeforeReminder;
    public long BeforeEscalation;
    public long Escalated;

    /// <summary>Acknowledged via telefon (recorded by a coordinator), of <see cref="Acknowledged"/>.</summary>
    public long ByPhone;
    public int? MedianMinutes;
    public int? P90Minutes;
}

/// <summary>The sums behind one report, before averages and shares are taken.</summary>
internal sealed class ReportTotals
{
    public MeasureTotals Period { get; } = new();
    public Dictionary<int, MeasureTotals> Weeks { get; } = [];
    public Dictionary<int, MeasureTotals> Months { get; } = [];
    public Dictionary<string, MeasureTotals> Municipalities { get; } = new(StringComparer.Ordinal);
    public MeasureTotals[] CareTypes { get; } = [new(), new()];
    public MeasureTotals Before { get; } = new();
    public MeasureTotals After { get; } = new();
    public UnitTotals[] Units { get; } = NewUnits();
    public UnitTotals[] UnitsBefore { get; } = NewUnits();
    public UnitTotals[] UnitsAfter { get; } = NewUnits();

    public static MeasureTotals Bucket<TKey>(Dictionary<TKey, MeasureTotals> buckets, TKey key)
        where TKey : notnull
    {
        if (!buckets.TryGetValue(key, out var totals))
        {
            buckets[key] = totals = new MeasureTotals();
        }
        return totals;
    }

    private static UnitTotals[] NewUnits() => Enumerable.Range(0, UnitTypes.Count).Select(_ => new UnitTotals()).ToArray();
}
