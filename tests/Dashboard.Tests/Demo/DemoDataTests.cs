using System.Text.RegularExpressions;
using Dashboard.Demo;
using Dashboard.DemoData;
using Dashboard.Statistics;
using Dashboard.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

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

    [Fact]
    public async Task RunAsync_Defaults_EndsWithADashboardLinkTheFilterAccepts_TodayAndLater()
    {
        var output = new StringWriter();

        await DemoDataCommand.RunAsync(["--count", "50", "--db", _store.DatabasePath], output, TextWriter.Null);

        var link = Link().Match(output.ToString());
        Assert.True(link.Success, output.ToString());
        var query = new QueryCollection(QueryHelpers.ParseQuery(new Uri(new Uri("http://localhost"), link.Groups[1].Value).Query));
        var today = DateOnly.FromDateTime(DateTime.Today);
        // Opened now, or in a month: a default period that moves with the day must not turn the hint into a 400.
        foreach (var opened in new[] { today, today.AddDays(30) })
        {
            var (filter, errors) = StatisticsFilterParser.Parse(query, opened);
            Assert.Empty(errors);
            Assert.Equal(DemoOptions.Default(today).ImprovementDate, filter!.CompareDate);
        }
    }

    [Theory]
    [InlineData("2020-01-01", 730)]
    [InlineData("2099-01-01", 730)]
    [InlineData("2025-06-01", 5000)]
    public void DashboardPath_ImprovementOutsideTheDaysOrAVeryLongSpan_StillALinkTheFilterAccepts(string improvement, int days)
    {
        var options = new DemoOptions(10, 1, new DateOnly(2024, 1, 1), days, DateOnly.Parse(improvement, System.Globalization.CultureInfo.InvariantCulture));

        var path = options.DashboardPath();
        var (filter, errors) = StatisticsFilterParser.Parse(new QueryCollection(QueryHelpers.ParseQuery(path[path.IndexOf('?', StringComparison.Ordinal)..])), new DateOnly(2026, 12, 6));

        Assert.StartsWith("/dashboard?", path, StringComparison.Ordinal);
        Assert.Empty(errors);
        Assert.Equal(options.Start.AddDays(days - 1), filter!.To);
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

    [GeneratedRegex(@"Open (/dashboard\S*) to see")]
    private static partial Regex Link();

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex Hex();

    public void Dispose() => _store.Dispose();
}
