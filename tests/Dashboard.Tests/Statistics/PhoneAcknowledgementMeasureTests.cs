using Dashboard.Presentation;
using Dashboard.Statistics;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Statistics;

/// <summary>"Kvitterade via telefon": the share of acknowledgements a coordinator recorded from a phone call, on both stores and both queries.</summary>
public sealed class PhoneAcknowledgementMeasureTests
{
    private static readonly StatisticsFilter January = new(new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 31));

    [Theory]
    [MemberData(nameof(TempStatistics.Providers), MemberType = typeof(TempStatistics))]
    public async Task Compute_PhoneAcknowledgements_AreCountedApartAndShownAsAShare(string provider)
    {
        await using var store = await TempStatistics.CreateAsync(provider);
        var at = Outcome.Jan10;
        await store.RecordAsync(
            Outcome.Discharged(at, 1) with { Units = [Outcome.Unit("PrimaryCare", at, 10) with { AcknowledgedVia = "Phone" }, Outcome.Unit("HomeHealthCare", at, 20) with { AcknowledgedVia = "Link" }] },
            Outcome.Discharged(at, 1) with { Units = [Outcome.Unit("PrimaryCare", at, 30), Outcome.Unit("PrimaryCare", at, null)] },
            Outcome.Discharged(at, 2) with { Units = [Outcome.Unit("MunicipalCoordination", at, 40) with { AcknowledgedVia = "Phone" }] });

        // Hand-computed: five notifications, four acknowledged (10, 20, 30, 40), two of them by phone → 2 / 4 = 50,0 %.
        // The one without a channel is from before channels (by link); the silent one counts in no share.
        foreach (var report in new[] { store.Compute(January), store.Naive.Compute(January) })
        {
            Assert.Equal(1, report.Acknowledgements.Single(a => a.UnitType == "PrimaryCare").AcknowledgedByPhone);
            Assert.Equal(0, report.Acknowledgements.Single(a => a.UnitType == "HomeHealthCare").AcknowledgedByPhone);
            Assert.Equal(1, report.Acknowledgements.Single(a => a.UnitType == "MunicipalCoordination").AcknowledgedByPhone);
            var figure = KeyFigureList.Of(report).Single(k => k.Id == "kpi-phone");
            Assert.Equal(50.0, figure.Value);
            Assert.Equal("50,0 %", figure.Display.Replace('\u00a0', ' '));
            Assert.Equal("2 av 4 kvittenser", figure.Detail);
            Assert.Equal(MeasureDefinitions.ByPhone, figure.Definition);
        }
    }

    [Fact]
    public async Task Compute_NoAcknowledgements_ShowsNoShare()
    {
        using var store = new TempStatistics();
        await store.RecordAsync(Outcome.Discharged(Outcome.Jan10, 1) with { Units = [Outcome.Unit("PrimaryCare", Outcome.Jan10, null)] });

        var figure = KeyFigureList.Of(store.Compute(January)).Single(k => k.Id == "kpi-phone");

        Assert.Null(figure.Value);
    }
}
