using Dashboard.Statistics;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Statistics;

public sealed class EpisodeMeasureTests : IDisposable
{
    private readonly TempStatistics _store = new();

    private static StatisticsFilter Month(int year, int month, DateOnly? compare = null) =>
        new(new DateOnly(year, month, 1), new DateOnly(year, month, 1).AddMonths(1).AddDays(-1), CompareDate: compare);

    [Fact]
    public async Task Compute_EpisodesAcrossMonthBoundary_CountsEachInTheMonthItEnded()
    {
        // Ready 30 Jan, discharged 2 Feb: SKR counts it in February, with all 3 days.
        var january30 = new DateTimeOffset(2024, 1, 30, 10, 0, 0, TimeSpan.FromHours(1));
        await _store.RecordAsync(
            Outcome.Discharged(Outcome.Jan10, 1),
            Outcome.Discharged(Outcome.Jan10, 4),
            Outcome.Discharged(january30, 3));

        var january = _store.Compute(Month(2024, 1)).Period;
        var february = _store.Compute(Month(2024, 2)).Period;

        Assert.Equal((2L, 5L, 2.5), (january.ReadyForDischarge, january.DaysReadyForDischarge, january.AverageDaysReadyForDischarge!.Value));
        Assert.Equal((1L, 3L, 3.0), (february.ReadyForDischarge, february.DaysReadyForDischarge, february.AverageDaysReadyForDischarge!.Value));
    }

    [Fact]
    public async Task Compute_DischargeJustBeforeMidnightUtc_UsesTheSwedishDate()
    {
        // 31 Jan 23:30 UTC is 1 Feb 00:30 in Sweden: a February episode.
        var outcome = Outcome.Discharged(Outcome.Jan10, 21) with { DischargedAt = new DateTimeOffset(2024, 1, 31, 23, 30, 0, TimeSpan.Zero) };
        await _store.RecordAsync(outcome);

        Assert.Equal(0, _store.Compute(Month(2024, 1)).Period.Episodes);
        Assert.Equal(1, _store.Compute(Month(2024, 2)).Period.Episodes);
    }

    [Fact]
    public async Task Compute_SameDayDischarges_ShareIsOfReadyEpisodesThatWereDischarged()
    {
        await _store.RecordAsync(
            Outcome.Discharged(Outcome.Jan10, 0),
            Outcome.Discharged(Outcome.Jan10, 0),
            Outcome.Discharged(Outcome.Jan10, 2),
            // Never discharged (e.g. died in hospital): not in the same-day denominator, still an ended episode.
            Outcome.Discharged(Outcome.Jan10, 0) with { DischargedAt = null, CompletedAt = Outcome.Jan10.AddHours(5) });

        var period = _store.Compute(Month(2024, 1)).Period;

        Assert.Equal(4, period.ReadyForDischarge);
        Assert.Equal(3, period.DischargedAfterReady);
        Assert.Equal(2, period.DischargedSameDay);
        Assert.Equal(2.0 / 3, period.SameDayDischargeShare!.Value, 10);
    }

    [Fact]
    public async Task Compute_WithdrawnEpisode_UsesDaysExcludingTheWithdrawalAndCountsIt()
    {
        // Ready 10 Jan, withdrawn for 5 days, discharged 19 Jan: 4 days as ready, not 9.
        var withdrawn = Outcome.Discharged(Outcome.Jan10, 9) with { DaysReadyForDischarge = 4, WithdrawalCount = 2 };
        await _store.RecordAsync(withdrawn, Outcome.Discharged(Outcome.Jan10, 2));

        var period = _store.Compute(Month(2024, 1)).Period;

        Assert.Equal(6, period.DaysReadyForDischarge);
        Assert.Equal(3.0, period.AverageDaysReadyForDischarge);
        Assert.Equal(1, period.EpisodesWithWithdrawal);
        Assert.Equal(2, period.Withdrawals);
    }

    [Fact]
    public async Task Compute_EpisodeNeverReady_CountsAsEpisodeButNotInReadyMeasures()
    {
        var neverReady = Outcome.Discharged(Outcome.Jan10, 3) with { ReadyForDischargeAt = null, DaysReadyForDischarge = 0 };
        await _store.RecordAsync(neverReady, Outcome.Discharged(Outcome.Jan10, 3));

        var period = _store.Compute(Month(2024, 1)).Period;

        Assert.Equal((2L, 1L, 3.0), (period.Episodes, period.ReadyForDischarge, period.AverageDaysReadyForDischarge!.Value));
    }

    [Fact]
    public async Task Compute_PaymentDaysInDifferentYears_CostUsesEachYearsDailyAmount()
    {
        var dec2019 = new DateTimeOffset(2019, 12, 20, 9, 0, 0, TimeSpan.FromHours(1));
        await _store.RecordAsync(
            Outcome.Discharged(dec2019, 5) with { PaymentResponsibilityDays = 2 },   // ends 25 Dec 2019: 2 × 7 800
            Outcome.Discharged(dec2019, 14) with { PaymentResponsibilityDays = 3 },  // ends 3 Jan 2020: 3 × 8 200
            Outcome.Discharged(new DateTimeOffset(2021, 6, 1, 9, 0, 0, TimeSpan.FromHours(2)), 4) with { PaymentResponsibilityDays = 1 }, // 2021 has no amount: 2020's 8 200
            Outcome.Discharged(new DateTimeOffset(2023, 3, 1, 9, 0, 0, TimeSpan.FromHours(1)), 4) with { PaymentResponsibilityDays = 1 }); // 2023: 2022's 9 300

        var all = _store.Compute(new StatisticsFilter(new DateOnly(2019, 1, 1), new DateOnly(2023, 12, 31))).Period;
        var only2020 = _store.Compute(new StatisticsFilter(new DateOnly(2020, 1, 1), new DateOnly(2020, 12, 31))).Period;

        Assert.Equal(7, all.PaymentResponsibilityDays);
        Assert.Equal(2 * 7_800m + 3 * 8_200m + 8_200m + 9_300m, all.PaymentResponsibilityCost);
        Assert.Equal(3 * 8_200m, only2020.PaymentResponsibilityCost);
    }

    [Fact]
    public async Task Compute_PsychiatricFilter_CountsOnlyPsychiatricAndSplitsCareTypes()
    {
        await _store.RecordAsync(
            Outcome.Discharged(Outcome.Jan10, 1),
            Outcome.Discharged(Outcome.Jan10, 6) with { CareType = "Psychiatric", WardHsaId = "SE2321000131-E000000000009", WardName = "Psykiatri 3" },
            Outcome.Discharged(Outcome.Jan10, 4) with { CareType = "Psychiatric", WardHsaId = "SE2321000131-E000000000009", WardName = "Psykiatri 3" });

        var psychiatric = _store.Compute(Month(2024, 1) with { CareType = CareTypes.Psychiatric });
        var both = _store.Compute(Month(2024, 1));

        Assert.Equal(5.0, psychiatric.Period.AverageDaysReadyForDischarge);
        Assert.Equal(["Psychiatric"], psychiatric.CareTypes.Select(c => c.Key));
        Assert.Equal([1L, 2L], both.CareTypes.Select(c => c.Measures.Episodes));
    }

    [Fact]
    public async Task Compute_AdmissionNotices_ShareWithin24HoursIsOfSentNotices()
    {
        await _store.RecordAsync(
            Outcome.Discharged(Outcome.Jan10, 1),
            Outcome.Discharged(Outcome.Jan10, 1),
            Outcome.Discharged(Outcome.Jan10, 1) with { AdmissionNoticeLate = true },
            Outcome.Discharged(Outcome.Jan10, 1) with { AdmissionNoticeAt = null, AdmittedAt = null });

        var period = _store.Compute(Month(2024, 1)).Period;

        Assert.Equal((3L, 2L), (period.AdmissionNotices, period.AdmissionNoticesWithin24h));
    }

    [Fact]
    public async Task Compute_SipCalls_OnTimeIsAtMostThreeDaysAfterReady()
    {
        var ready = Outcome.Jan10;
        await _store.RecordAsync(
            Outcome.Discharged(ready, 5) with { SipRequired = true, SipCalledAt = ready.AddDays(3) },
            Outcome.Discharged(ready, 5) with { SipRequired = true, SipCalledAt = ready.AddDays(3).AddMinutes(1) },
            Outcome.Discharged(ready, 5) with { SipRequired = true, SipCalledAt = null },
            Outcome.Discharged(ready, 5) with { SipRequired = false, SipCalledAt = ready.AddDays(1) });

        var period = _store.Compute(Month(2024, 1)).Period;

        Assert.Equal((3L, 1L), (period.SipRequired, period.SipCalledWithin3Days));
    }

    [Fact]
    public async Task Compute_SipCalls_OutcomesFromBeforeTheCallWasRecordedAreLeftOut()
    {
        // Two outcomes from before the SIP call was an event: their SipCalledAt is primary care's acknowledgement (a proxy),
        // on time in one case. Left out, the share is 1 of 2 (50 %), not 2 of 4.
        var ready = Outcome.Jan10;
        await _store.RecordAsync(
            Outcome.Discharged(ready, 5) with { SipRequired = true, SipCalledAt = ready.AddDays(1) },
            Outcome.Discharged(ready, 5) with { SipRequired = true, SipCalledAt = null },
            Outcome.Discharged(ready, 5) with { SipRequired = true, SipCalledAt = ready.AddHours(2), SipCallRecorded = false },
            Outcome.Discharged(ready, 5) with { SipRequired = true, SipCalledAt = ready.AddDays(5), SipCallRecorded = false });

        var period = _store.Compute(Month(2024, 1)).Period;

        Assert.Equal((2L, 1L, 0.5), (period.SipRequired, period.SipCalledWithin3Days, period.SipCalledWithin3DaysShare!.Value));
    }

    [Fact]
    public async Task Compute_SipCalls_OnlyOutcomesFromBeforeTheCallWasRecorded_HaveNoFigure()
    {
        var ready = Outcome.Jan10;
        await _store.RecordAsync(Outcome.Discharged(ready, 5) with { SipRequired = true, SipCalledAt = ready.AddHours(2), SipCallRecorded = false });

        var period = _store.Compute(Month(2024, 1)).Period;

        Assert.Equal((0L, 0L), (period.SipRequired, period.SipCalledWithin3Days));
        Assert.Null(period.SipCalledWithin3DaysShare);
    }

    [Fact]
    public async Task Compute_CompareDate_SplitsEpisodesIntoBeforeAndFromTheDate()
    {
        await _store.RecordAsync(
            Outcome.Discharged(Outcome.Jan10, 4),                    // ends 14 Jan: before
            Outcome.Discharged(Outcome.Jan10, 5),                    // ends 15 Jan: after (the date itself)
            Outcome.Discharged(Outcome.Jan10, 9));                   // ends 19 Jan: after

        var comparison = _store.Compute(Month(2024, 1, compare: new DateOnly(2024, 1, 15))).Comparison!;

        Assert.Equal((1L, 4.0), (comparison.Before.Episodes, comparison.Before.AverageDaysReadyForDischarge!.Value));
        Assert.Equal((2L, 7.0), (comparison.After.Episodes, comparison.After.AverageDaysReadyForDischarge!.Value));
    }

    [Fact]
    public async Task Compute_WeekAcrossNewYear_UsesIsoWeekOne()
    {
        // 30 Dec 2024 is a Monday in ISO week 1 of 2025.
        await _store.RecordAsync(Outcome.Discharged(new DateTimeOffset(2024, 12, 27, 9, 0, 0, TimeSpan.FromHours(1)), 3));

        var report = _store.Compute(new StatisticsFilter(new DateOnly(2024, 12, 16), new DateOnly(2025, 1, 12)));

        Assert.Equal(["2024-V51", "2024-V52", "2025-V01", "2025-V02"], report.Weekly.Select(w => w.Key));
        Assert.Equal([0L, 0L, 1L, 0L], report.Weekly.Select(w => w.Measures.Episodes));
        Assert.Equal([1L, 0L], report.Monthly.Select(m => m.Measures.Episodes));
        Assert.Null(report.Weekly[0].Measures.AverageDaysReadyForDischarge);
    }

    [Fact]
    public async Task Compute_FiltersOnMunicipalityWardAndNeeds_SelectsOnlyMatchingEpisodes()
    {
        await _store.RecordAsync(
            Outcome.Discharged(Outcome.Jan10, 1) with { Needs = ["HomeCare", "PalliativeCare"] },
            Outcome.Discharged(Outcome.Jan10, 2) with { Needs = ["PalliativeCare"], MunicipalityCode = "0980" },
            Outcome.Discharged(Outcome.Jan10, 3) with { Needs = ["HomeCare"], WardHsaId = "SE2321000131-E000000000002", WardName = "Geriatrik" });

        Assert.Equal(2, _store.Compute(Month(2024, 1) with { NeedsMask = NeedFlags.MaskOf(["PalliativeCare"]) }).Period.Episodes);
        Assert.Equal(1, _store.Compute(Month(2024, 1) with { NeedsMask = NeedFlags.MaskOf(["PalliativeCare", "HomeCare"]) }).Period.Episodes);
        Assert.Equal(2, _store.Compute(Month(2024, 1) with { Municipality = "1480" }).Period.Episodes);
        Assert.Equal(1, _store.Compute(Month(2024, 1) with { Ward = "SE2321000131-E000000000002" }).Period.Episodes);
        Assert.Equal(0, _store.Compute(Month(2024, 1) with { Municipality = "9999" }).Period.Episodes);
        var municipalities = _store.Compute(Month(2024, 1)).Municipalities;
        Assert.Equal([("Gotland", 1L), ("Göteborg", 2L)], municipalities.Select(m => (m.Name, m.Measures.Episodes)));
    }

    [Fact]
    public async Task RecordAsync_SameTransitionTwice_ReplacesTheFirst()
    {
        var first = Outcome.Discharged(Outcome.Jan10, 2);
        await _store.RecordAsync(first);
        _store.Compute(Month(2024, 1)); // the snapshot has now seen the first version

        await _store.RecordAsync(first with { MunicipalityCode = "0980", DaysReadyForDischarge = 7, DischargedAt = first.DischargedAt!.Value.AddDays(5) });
        var report = _store.Compute(Month(2024, 1));

        Assert.Equal(1, report.Period.Episodes);
        Assert.Equal(7.0, report.Period.AverageDaysReadyForDischarge);
        Assert.Equal(["0980"], report.Municipalities.Select(m => m.Key));
    }

    public void Dispose() => _store.Dispose();
}
