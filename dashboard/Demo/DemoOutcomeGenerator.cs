using Platform.Outcomes;

namespace Dashboard.Demo;

/// <summary>
/// Synthetic outcomes with distributions near the national figures SKR publishes, improving after
/// <see cref="DemoOptions.ImprovementDate"/> over six weeks. Synthetic people only: pseudonyms are random hex.
/// Deterministic for a seed; outcomes come in the order their episodes end.
/// </summary>
internal sealed class DemoOutcomeGenerator(DemoOptions options)
{
    private static readonly TimeZoneInfo Sweden = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");
    private readonly Random _random = new(options.Seed);
    private readonly double[] _cumulativeWeights = Cumulative(DemoDirectory.Municipalities.Select(m => m.Weight));
    // Discharges of the last four weeks, oldest first, from which readmissions pick their patient.
    private readonly List<(string Patient, string Municipality, DateTimeOffset DischargedAt)> _recent = [];
    private int _recentStart;
    private int _sequence;

    public IEnumerable<TransitionOutcome> Generate()
    {
        // Weekends discharge fewer: weight weekdays 1, weekend days 0.5, then spread the count over the days.
        var weights = Enumerable.Range(0, options.Days)
            .Select(d => options.Start.AddDays(d).DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.5 : 1.0).ToArray();
        var perWeight = options.Count / weights.Sum();
        var produced = 0;
        var carry = 0.0;
        for (var d = 0; d < options.Days && produced < options.Count; d++)
        {
            carry += weights[d] * perWeight;
            var today = d == options.Days - 1 ? options.Count - produced : (int)carry;
            carry -= today;
            var date = options.Start.AddDays(d);
            var day = Enumerable.Range(0, today).Select(_ => One(date)).OrderBy(o => o.DischargedAt ?? o.CompletedAt).ToList();
            foreach (var outcome in day)
            {
                produced++;
                yield return outcome;
            }
        }
    }

    private TransitionOutcome One(DateOnly endDate)
    {
        var progress = Math.Clamp((endDate.DayNumber - options.ImprovementDate.DayNumber) / 42.0, 0, 1);
        double Blend(double before, double after) => before + (after - before) * progress;

        ForgetBefore(endDate.AddDays(-28));
        var readmission = _recent.Count > _recentStart && _random.NextDouble() < 0.09
            ? _recent[_random.Next(_recentStart, _recent.Count)]
            : default;
        var municipality = readmission.Patient is null ? PickMunicipality() : DemoDirectory.Municipalities.First(m => m.Code == readmission.Municipality);
        var psychiatric = _random.NextDouble() < 0.12;
        var ward = psychiatric ? municipality.Wards.First(w => w.Psychiatric) : municipality.Wards.Where(w => !w.Psychiatric).ElementAt(_random.Next(3));

        // Days as ready for discharge: SKR figures moved from ~4.6 days / 13 % same day towards ~2.1 / 67 %.
        var share = psychiatric ? Blend(0.15, 0.35) : Blend(0.30, 0.62);
        var mean = psychiatric ? Blend(6.1, 4.0) : Blend(4.0, 2.1);
        // Other episodes: 1 + ⌊exponential⌋ days, whose mean is 0.5 + the scale, so the overall mean lands on `mean`.
        var days = _random.NextDouble() < share
            ? 0
            : 1 + (int)Math.Floor(-Math.Log(1 - _random.NextDouble()) * Math.Max(0.5, mean / (1 - share) - 0.5));
        var withdrawals = _random.NextDouble() < 0.07 ? (_random.NextDouble() < 0.15 ? 2 : 1) : 0;
        var withdrawnDays = withdrawals * (1 + _random.Next(4));

        var discharged = At(endDate, 10 + _random.Next(8), _random.Next(60));
        var ready = At(endDate.AddDays(-days - withdrawnDays), 8 + _random.Next(8), _random.Next(60));
        if (ready > discharged)
        {
            ready = discharged.AddHours(-1);
        }
        var admitted = ready.AddHours(-(24 + _random.Next(24 * 10)));
        if (readmission.Patient is not null)
        {
            if (readmission.DischargedAt >= ready.AddHours(-2))
            {
                readmission = default; // still in hospital by then: this is someone else
            }
            else if (admitted <= readmission.DischargedAt)
            {
                admitted = readmission.DischargedAt + (ready - readmission.DischargedAt) / 2;
            }
        }
        var noticeSent = _random.NextDouble() < 0.93;
        var noticeLate = _random.NextDouble() < Blend(0.16, 0.05);
        var noticeAt = admitted.AddHours(noticeLate ? 25 + _random.Next(48) : _random.Next(24));

        var needs = Needs();
        var units = Units(needs, ready, Blend(150, 35));
        var sipRequired = needs.Contains("HomeHealthCare") || needs.Contains("PalliativeCare");
        var sipOnTime = _random.NextDouble() < Blend(0.62, 0.88);
        DateTimeOffset? sipCalled = sipRequired && _random.NextDouble() < 0.97
            ? ready.AddHours(sipOnTime ? 2 + _random.Next(70) : 73 + _random.Next(96))
            : null;

        var patient = readmission.Patient ?? Hex(16);
        var paymentRule = psychiatric ? "Psychiatry5Days" : ward.HsaId.StartsWith("SE2321000016", StringComparison.Ordinal) ? "Stockholm" : "Default3Days";
        var freeDays = psychiatric ? 4 : 2;
        _recent.Add((patient, municipality.Code, discharged));
        var lastAck = units.Max(u => u.AcknowledgedAt ?? u.NotifiedAt);

        return new TransitionOutcome(
            $"demo-{++_sequence:x8}-{Hex(4)}", patient, municipality.Code, ward.HsaId, ward.Name,
            psychiatric ? "Psychiatric" : "Somatic", needs,
            noticeSent ? admitted : null, noticeSent ? noticeAt : null, noticeSent && noticeLate,
            ready, discharged, days, withdrawals, Math.Max(0, days - freeDays), paymentRule,
            sipRequired, sipCalled, units, lastAck > discharged ? lastAck : discharged.AddMinutes(5), SipCallRecorded: true);
    }

    private void ForgetBefore(DateOnly date)
    {
        var limit = At(date, 0, 0);
        while (_recentStart < _recent.Count && _recent[_recentStart].DischargedAt < limit)
        {
            _recentStart++;
        }
        if (_recentStart > 100_000)
        {
            _recent.RemoveRange(0, _recentStart);
            _recentStart = 0;
        }
    }

    private (string Code, double Weight, DemoWard[] Wards) PickMunicipality()
    {
        var index = Array.BinarySearch(_cumulativeWeights, _random.NextDouble() * _cumulativeWeights[^1]);
        return DemoDirectory.Municipalities[Math.Min(index < 0 ? ~index : index, _cumulativeWeights.Length - 1)];
    }

    private List<string> Needs()
    {
        var needs = new List<string>();
        void Maybe(string need, double p)
        {
            if (_random.NextDouble() < p)
            {
                needs.Add(need);
            }
        }
        Maybe("HomeCare", 0.6);
        Maybe("HomeHealthCare", 0.45);
        Maybe("Rehabilitation", 0.25);
        Maybe("AssistiveDevices", 0.15);
        Maybe("PalliativeCare", 0.06);
        return needs.Count == 0 ? ["HomeCare"] : needs;
    }

    private List<UnitOutcome> Units(List<string> needs, DateTimeOffset ready, double medianMinutes)
    {
        var types = new List<string> { "MunicipalCoordination", "PrimaryCare" };
        if (needs.Contains("HomeHealthCare")) { types.Add("HomeHealthCare"); }
        if (needs.Contains("Rehabilitation") || needs.Contains("AssistiveDevices")) { types.Add("MunicipalRehab"); }
        if (needs.Contains("PalliativeCare")) { types.Add("PalliativeTeam"); }
        return types.Select(type =>
        {
            var notified = ready.AddMinutes(_random.Next(30));
            // Log-normal waits: most within hours, a long tail; reminder after 4 h, escalation after 8 h.
            var wait = medianMinutes * Math.Exp(1.1 * Gaussian());
            DateTimeOffset? acked = _random.NextDouble() < 0.99 ? notified.AddMinutes(Math.Round(wait)) : null;
            var late = acked is null ? double.MaxValue : wait;
            return new UnitOutcome($"unit-{type}", type, notified,
                late > 240 ? notified.AddMinutes(240) : null,
                late > 480 ? notified.AddMinutes(480) : null,
                acked);
        }).ToList();
    }

    private double Gaussian() =>
        Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());

    private static DateTimeOffset At(DateOnly date, int hour, int minute)
    {
        var local = date.ToDateTime(new TimeOnly(hour, minute));
        return new DateTimeOffset(local, Sweden.GetUtcOffset(local));
    }

    private string Hex(int bytes)
    {
        Span<byte> buffer = stackalloc byte[bytes];
        _random.NextBytes(buffer);
        return Convert.ToHexStringLower(buffer);
    }

    private static double[] Cumulative(IEnumerable<double> weights)
    {
        var sum = 0.0;
        return weights.Select(w => sum += w).ToArray();
    }
}
