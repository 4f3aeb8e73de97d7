using System.Text.RegularExpressions;
using Dashboard.Demo;
using Dashboard.DemoData;
using Dashboard.Statistics;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Demo;

public sealed partial class DemoDataTests : IDisposable
{
    private readonly TempStatistics _store = new();

    [Fact]
    public async Task RunAsync_CountAndDatabase_FillsTheStoreWithAProgressBar()
    {
        var output = new StringWriter();

        var exit = await DemoDataCommand.RunAsync(["--count", "1200", "--db", _store.DatabasePath, "--seed", "3", "--improvement-date", "2025-01-01"], output, TextWriter.Null);

        Assert.Equal(0, exit);
        Assert.Contains("] 100.0 %", output.ToString(), StringComparison.Ordinal);
        var today = DateOnly.FromDateTime(DateTime.Today);
        Assert.Equal(1200, _store.Compute(new StatisticsFilter(today.AddDays(-800), today)).Period.Episodes);
    }

    [Theory]
    [InlineData("--count", "många")]
    [InlineData("--colour", "blue")]
    [InlineData("--improvement-date", "1 jan")]
    public async Task RunAsync_BadArgument_ExitsWithUsage(string option, string value)
    {
        var error = new StringWriter();

        var exit = await DemoDataCommand.RunAsync([option, value, "--db", _store.DatabasePath], TextWriter.Null, error);

        Assert.Equal(2, exit);
        Assert.Contains("Usage:", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_TwoYears_ImprovesAfterTheDateAndStaysNearNationalFigures()
    {
        var options = new DemoOptions(20_000, 9, new DateOnly(2024, 1, 1), 730, new DateOnly(2025, 1, 1));
        var outcomes = new DemoOutcomeGenerator(options).Generate().ToList();
        await _store.Recorder.RecordManyAsync(outcomes);

        var report = _store.Compute(new StatisticsFilter(new DateOnly(2024, 1, 1), new DateOnly(2025, 12, 30), CareType: CareTypes.Somatic, CompareDate: new DateOnly(2025, 1, 1)));
        var before = report.Comparison!.Before;
        var after = report.Comparison.After;

        Assert.InRange(before.AverageDaysReadyForDischarge!.Value, 3.5, 4.6);
        Assert.InRange(after.AverageDaysReadyForDischarge!.Value, 1.8, 2.6);
        Assert.True(after.SameDayDischargeShare > before.SameDayDischargeShare + 0.2);
        Assert.InRange(report.Period.ReadmissionShare!.Value, 0.05, 0.13);
        Assert.Equal(55, report.Municipalities.Count);
        Assert.All(outcomes.Take(500), o => Assert.Matches(Hex(), o.PatientPseudonym));
        Assert.Equal(outcomes.Count, outcomes.Select(o => o.TransitionId).Distinct().Count());
    }

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex Hex();

    public void Dispose() => _store.Dispose();
}
