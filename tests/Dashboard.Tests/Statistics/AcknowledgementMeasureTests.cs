using Dashboard.Statistics;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Statistics;

public sealed class AcknowledgementMeasureTests : IDisposable
{
    private readonly TempStatistics _store = new();
    private static readonly StatisticsFilter January = new(new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 31));

    [Fact]
    public async Task Compute_PrimaryCareAcknowledgements_MedianAndP90AreNearestRank()
    {
        var at = Outcome.Jan10;
        await _store.RecordAsync(
            Outcome.Discharged(at, 1) with { Units = [Outcome.Unit("PrimaryCare", at, 10), Outcome.Unit("PrimaryCare", at, 20)] },
            Outcome.Discharged(at, 1) with { Units = [Outcome.Unit("PrimaryCare", at, 30), Outcome.Unit("PrimaryCare", at, 40)] },
            Outcome.Discharged(at, 1) with { Units = [Outcome.Unit("PrimaryCare", at, 100, remindAfterMinutes: 60, escalateAfterMinutes: 90), Outcome.Unit("PrimaryCare", at, null, 60, 90)] });

        var primaryCare = _store.Compute(January).Acknowledgements.Single(a => a.UnitType == "PrimaryCare");

        // Five acknowledged: 10, 20, 30, 40, 100. Median rank ⌈2.5⌉ = 3 → 30; p90 rank ⌈4.5⌉ = 5 → 100.
        Assert.Equal((6L, 5L), (primaryCare.Notified, primaryCare.Acknowledged));
        Assert.Equal((30, 100), (primaryCare.MedianMinutes!.Value, primaryCare.P90Minutes!.Value));
        // The 100-minute one came after both reminder and escalation; the silent one never came.
        Assert.Equal(4.0 / 6, primaryCare.AcknowledgedBeforeReminderShare!.Value, 10);
        Assert.Equal(4.0 / 6, primaryCare.AcknowledgedBeforeEscalationShare!.Value, 10);
        Assert.Equal(2, primaryCare.Escalations);
    }

    [Fact]
    public async Task Compute_AcknowledgedAfterReminderWithoutEscalation_CountsOnlyBeforeEscalation()
    {
        var at = Outcome.Jan10;
        await _store.RecordAsync(Outcome.Discharged(at, 1) with
        {
            Units = [Outcome.Unit("HomeHealthCare", at, 300, remindAfterMinutes: 240)],
        });

        var homeHealthCare = _store.Compute(January).Acknowledgements.Single(a => a.UnitType == "HomeHealthCare");

        Assert.Equal(0.0, homeHealthCare.AcknowledgedBeforeReminderShare);
        Assert.Equal(1.0, homeHealthCare.AcknowledgedBeforeEscalationShare);
        Assert.Equal(0, homeHealthCare.Escalations);
    }

    [Fact]
    public async Task Compute_NoNotifications_ListsUnitTypesWithoutFigures()
    {
        await _store.RecordAsync(Outcome.Discharged(Outcome.Jan10, 1));

        var units = _store.Compute(January).Acknowledgements;

        Assert.Equal(["MunicipalCoordination", "HomeHealthCare", "MunicipalRehab", "PrimaryCare", "PalliativeTeam"], units.Select(u => u.UnitType));
        Assert.All(units, u => Assert.Null(u.MedianMinutes));
        Assert.All(units, u => Assert.Null(u.AcknowledgedBeforeReminderShare));
    }

    [Fact]
    public async Task Compute_UnknownUnitType_IsCountedAsOther()
    {
        var at = Outcome.Jan10;
        await _store.RecordAsync(Outcome.Discharged(at, 1) with { Units = [Outcome.Unit("Pharmacy", at, 15)] });

        var other = _store.Compute(January).Acknowledgements.Single(a => a.UnitType == "Other");

        Assert.Equal((1L, 15), (other.Notified, other.MedianMinutes!.Value));
    }

    [Fact]
    public async Task Compute_CompareDate_SplitsAcknowledgementTimesByEpisodeEnd()
    {
        var at = Outcome.Jan10;
        await _store.RecordAsync(
            Outcome.Discharged(at, 1) with { Units = [Outcome.Unit("PrimaryCare", at, 120)] },          // ends 11 Jan
            Outcome.Discharged(at, 10) with { Units = [Outcome.Unit("PrimaryCare", at.AddDays(9), 20)] }); // ends 20 Jan

        var comparison = _store.Compute(January with { CompareDate = new DateOnly(2024, 1, 15) }).Comparison!;

        Assert.Equal(120, comparison.AcknowledgementsBefore.Single(a => a.UnitType == "PrimaryCare").MedianMinutes);
        Assert.Equal(20, comparison.AcknowledgementsAfter.Single(a => a.UnitType == "PrimaryCare").MedianMinutes);
    }

    public void Dispose() => _store.Dispose();
}
