using System.Text;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Dashboard.Presentation;
using Dashboard.Storage;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.EndToEnd;

/// <summary>
/// "Före och efter" over sides of different lengths: 3 months before the compare date, 9 after. The raw totals rise
/// (6 → 9 payment days) while the comparable figures fall by half; every figure below is worked out by hand.
/// </summary>
public sealed class BeforeAfterHttpTests : IAsyncLifetime
{
    // Before: 1 Dec 2025 – 28 Feb 2026, 31 + 31 + 28 = 90 days. After: 1 Mar – 30 Nov 2026, 275 days.
    private const string Query = "?from=2025-12-01&to=2026-11-30&compareDate=2026-03-01";

    private DashboardHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await DashboardHost.StartAsync(settings: new Dictionary<string, string?> { ["Statistics:DailyAmounts:2025"] = "9000" });
        var winter = TimeSpan.FromHours(1);
        // Before: 3 ready episodes, 5 + 7 + 3 = 15 days, payment days (days − 3) 2 + 4 + 0 = 6, cost 6 × 9 000 = 54 000 kr.
        var before = new[]
        {
            Outcome.Discharged(new DateTimeOffset(2025, 12, 10, 10, 0, 0, winter), 5),
            Outcome.Discharged(new DateTimeOffset(2026, 1, 10, 10, 0, 0, winter), 7),
            Outcome.Discharged(new DateTimeOffset(2026, 2, 10, 10, 0, 0, winter), 3),
        };
        // After: 9 ready episodes (one a month, March to November), 4 days each = 36 days, 9 payment days, 81 000 kr.
        var after = Enumerable.Range(3, 9).Select(month => Outcome.Discharged(new DateTimeOffset(2026, month, 10, 10, 0, 0, winter), 4));
        await _host.Services.GetRequiredService<OutcomeRecorder>().RecordManyAsync([.. before, .. after]);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_JSON_gives_each_side_its_period_its_days_and_its_totals_per_30_days_and_per_episode()
    {
        using var json = JsonDocument.Parse(await _host.Client.GetStringAsync("/api/statistics" + Query));
        var comparison = json.RootElement.GetProperty("comparison");
        var before = comparison.GetProperty("beforePeriod");
        var after = comparison.GetProperty("afterPeriod");

        // The raw totals are still there, unchanged: they are what misleads.
        Assert.Equal((6L, 9L), (comparison.GetProperty("before").GetProperty("paymentResponsibilityDays").GetInt64(), comparison.GetProperty("after").GetProperty("paymentResponsibilityDays").GetInt64()));
        Assert.Equal(("2025-12-01", "2026-02-28", 90), (before.GetProperty("from").GetString(), before.GetProperty("to").GetString(), before.GetProperty("days").GetInt32()));
        Assert.Equal(("2026-03-01", "2026-11-30", 275), (after.GetProperty("from").GetString(), after.GetProperty("to").GetString(), after.GetProperty("days").GetInt32()));
        // Per 30 days: total × 30 / days.
        Assert.Equal(3 * 30 / 90.0, before.GetProperty("readyForDischargePer30Days").GetDouble(), 10);
        Assert.Equal(9 * 30 / 275.0, after.GetProperty("readyForDischargePer30Days").GetDouble(), 10);
        Assert.Equal(15 * 30 / 90.0, before.GetProperty("daysReadyForDischargePer30Days").GetDouble(), 10);
        Assert.Equal(36 * 30 / 275.0, after.GetProperty("daysReadyForDischargePer30Days").GetDouble(), 10);
        Assert.Equal(2.0, before.GetProperty("paymentResponsibilityDaysPer30Days").GetDouble(), 10);
        Assert.Equal(9 * 30 / 275.0, after.GetProperty("paymentResponsibilityDaysPer30Days").GetDouble(), 10);
        Assert.Equal(18_000m, before.GetProperty("paymentResponsibilityCostPer30Days").GetDecimal());
        Assert.Equal(8_836.36m, after.GetProperty("paymentResponsibilityCostPer30Days").GetDecimal());
        // Per ready episode: 6 / 3 and 9 / 9 days; 54 000 / 3 and 81 000 / 9 kronor.
        Assert.Equal((2.0, 1.0), (before.GetProperty("paymentResponsibilityDaysPerReadyEpisode").GetDouble(), after.GetProperty("paymentResponsibilityDaysPerReadyEpisode").GetDouble()));
        Assert.Equal((18_000m, 9_000m), (before.GetProperty("paymentResponsibilityCostPerReadyEpisode").GetDecimal(), after.GetProperty("paymentResponsibilityCostPerReadyEpisode").GetDecimal()));
        // Averages stay as they are: 15 / 3 and 36 / 9 days.
        Assert.Equal((5.0, 4.0), (comparison.GetProperty("before").GetProperty("averageDaysReadyForDischarge").GetDouble(), comparison.GetProperty("after").GetProperty("averageDaysReadyForDischarge").GetDouble()));
    }

    [Fact]
    public async Task The_page_compares_per_30_days_and_per_episode_and_says_so()
    {
        var document = new HtmlParser().ParseDocument(await _host.Client.GetStringAsync("/dashboard" + Query));
        var rows = document.QuerySelectorAll("#compare-summary tbody tr")
            .ToDictionary(r => r.Children[0].TextContent, r => (Before: r.Children[1].TextContent, After: r.Children[2].TextContent));

        Assert.NotEmpty(rows);
        Assert.Equal((Html.Date(new DateOnly(2025, 12, 1)) + " – " + Html.Date(new DateOnly(2026, 2, 28)), Html.Date(new DateOnly(2026, 3, 1)) + " – " + Html.Date(new DateOnly(2026, 11, 30))), rows["Period"]);
        Assert.Equal(("90", "275"), rows["Antal dagar"]);
        Assert.Equal(("2,0", "1,0"), rows["Betalningsansvarsdagar per 30 dagar"]);
        Assert.Equal((Html.Kronor(18_000m), Html.Kronor(8_836m)), rows["Kostnad för betalningsansvar per 30 dagar"]);
        Assert.Equal(("2,00", "1,00"), rows["Betalningsansvarsdagar per utskrivningsklart vårdtillfälle"]);
        Assert.Equal((Html.Kronor(18_000m), Html.Kronor(9_000m)), rows["Kostnad för betalningsansvar per utskrivningsklart vårdtillfälle"]);
        Assert.Equal(("5,00", "4,00"), rows["Medelantal dagar som utskrivningsklar"]);
        // The raw totals, which grow with the longer side, are not offered as the comparison.
        Assert.DoesNotContain("Betalningsansvarsdagar", rows.Keys);
        Assert.Contains("(90 dagar)", document.QuerySelector("#h-compare + p")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("per 30 dagar", document.GetElementById("compare-definition")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("per utskrivningsklart vårdtillfälle", document.GetElementById("compare-definition")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_before_after_export_leads_with_the_periods_and_the_comparable_figures()
    {
        var bytes = await _host.Client.GetByteArrayAsync("/dashboard/export/fore-efter.csv" + Query);
        var lines = Encoding.UTF8.GetString(bytes.AsSpan(3)).Split("\r\n").ToList();
        var header = lines.FindIndex(l => l.StartsWith("Mått;", StringComparison.Ordinal));

        Assert.True(header > 0);
        Assert.Equal(
            [
                "Period från;2025-12-01;2026-03-01",
                "Period till;2026-02-28;2026-11-30",
                "Antal dagar;90;275",
                "Vårdtillfällen per 30 dagar;1;0,98",
                "Utskrivningsklara per 30 dagar;1;0,98",
                "Dagar som utskrivningsklar per 30 dagar;5;3,93",
                "Betalningsansvarsdagar per 30 dagar;2;0,98",
                "Kostnad betalningsansvar per 30 dagar (kr);18000;8836,36",
                "Betalningsansvarsdagar per utskrivningsklart vårdtillfälle;2;1",
                "Kostnad betalningsansvar per utskrivningsklart vårdtillfälle (kr);18000;9000",
            ],
            lines.Skip(header + 1).Take(10));
        // The raw totals follow, as before.
        Assert.Contains("Betalningsansvarsdagar;6;9", lines);
    }
}
