using System.Text;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Dashboard.Storage;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.EndToEnd;

/// <summary>
/// A period starting on a Sunday (7 January 2024): its first ISO week (1–7 January) holds one day of it, and January
/// 25 days. Both are kept in the trends and marked partial in the JSON, the tables, the charts and the CSV.
/// </summary>
public sealed class PartialPeriodHttpTests : IAsyncLifetime
{
    private const string Query = "?from=2024-01-07&to=2024-03-31";

    private DashboardHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await DashboardHost.StartAsync();
        // Ready 5 January, discharged 7 January: the first week's only day in the period.
        await _host.Services.GetRequiredService<OutcomeRecorder>().RecordManyAsync(
        [
            Outcome.Discharged(new DateTimeOffset(2024, 1, 5, 10, 0, 0, TimeSpan.FromHours(1)), 2),
            Outcome.Discharged(Outcome.Jan10, 4),
        ]);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_JSON_marks_the_first_week_and_month_as_partial()
    {
        using var json = JsonDocument.Parse(await _host.Client.GetStringAsync("/api/statistics" + Query));
        var weeks = json.RootElement.GetProperty("weekly").EnumerateArray().ToList();
        var months = json.RootElement.GetProperty("monthly").EnumerateArray().ToList();

        Assert.Equal(13, weeks.Count);
        var first = weeks[0];
        Assert.Equal(("2024-01-01", "2024-01-07", "2024-01-07", 1, false),
            (first.GetProperty("start").GetString(), first.GetProperty("from").GetString(), first.GetProperty("to").GetString(), first.GetProperty("days").GetInt32(), first.GetProperty("complete").GetBoolean()));
        Assert.Equal(1, first.GetProperty("measures").GetProperty("episodes").GetInt64());
        // 25 March – 31 March is a whole week, the period's last day a Sunday.
        Assert.All(weeks.Skip(1), w => Assert.Equal((7, true), (w.GetProperty("days").GetInt32(), w.GetProperty("complete").GetBoolean())));
        Assert.Equal(3, months.Count);
        Assert.Equal((25, false), (months[0].GetProperty("days").GetInt32(), months[0].GetProperty("complete").GetBoolean()));
        Assert.Equal([true, true], months.Skip(1).Select(m => m.GetProperty("complete").GetBoolean()));
    }

    [Fact]
    public async Task The_page_marks_the_partial_week_in_the_table_and_the_chart()
    {
        var document = new HtmlParser().ParseDocument(await _host.Client.GetStringAsync("/dashboard" + Query));
        var table = document.GetElementById("table-veckor")!;
        var columns = table.QuerySelectorAll("thead th").Select(h => h.TextContent).ToList();
        var rows = table.QuerySelectorAll("tbody tr").ToList();

        Assert.Equal(13, rows.Count);
        var whole = columns.IndexOf("Hel period");
        var days = columns.IndexOf("Dagar i perioden");
        Assert.True(whole > 0 && days > 0);
        Assert.Equal(("Nej", "1"), (rows[0].Children[whole].TextContent, rows[0].Children[days].TextContent));
        Assert.All(rows.Skip(1), r => Assert.Equal("Ja", r.Children[whole].TextContent));
        // The chart's own value table and its drawing name the week "(del)", and the caption says why.
        var chartRows = document.GetElementById("table-chart-weekly-data")!.QuerySelectorAll("tbody tr").Select(r => r.Children[0].TextContent).ToList();
        Assert.Equal("v1 2024 (del)", chartRows[0]);
        Assert.DoesNotContain("(del)", chartRows[1], StringComparison.Ordinal);
        Assert.Contains("v1 2024 (del)", document.GetElementById("chart-weekly")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("v1 2024 (1 dag)", document.GetElementById("chart-weekly-caption")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("(del)", document.GetElementById("chart-monthly-caption")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_CSV_keeps_its_columns_and_adds_whether_each_week_is_whole()
    {
        var bytes = await _host.Client.GetByteArrayAsync("/dashboard/export/veckor.csv" + Query);
        var lines = Encoding.UTF8.GetString(bytes.AsSpan(3)).Split("\r\n").ToList();
        var header = lines.FindIndex(l => l.StartsWith("Vecka;", StringComparison.Ordinal));

        Assert.True(header >= 0);
        Assert.StartsWith("Vecka;Från och med;Vårdtillfällen;", lines[header], StringComparison.Ordinal);
        Assert.EndsWith(";Vårdtillfällen med avbrott;Till och med;Dagar i perioden;Hel period", lines[header], StringComparison.Ordinal);
        // The first week's data begins on the period's first day, not on the Monday before it.
        Assert.StartsWith("2024-V01;2024-01-07;1;", lines[header + 1], StringComparison.Ordinal);
        Assert.EndsWith(";2024-01-07;1;Nej", lines[header + 1], StringComparison.Ordinal);
        Assert.StartsWith("2024-V02;2024-01-08;", lines[header + 2], StringComparison.Ordinal);
        Assert.EndsWith(";2024-01-14;7;Ja", lines[header + 2], StringComparison.Ordinal);
    }
}
