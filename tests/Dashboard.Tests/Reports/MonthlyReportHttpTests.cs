using System.Globalization;
using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Dashboard.Reports;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace Dashboard.Tests.Reports;

/// <summary>The monthly report through Kestrel: on demand, the archive page, and sending (to the pickup folder here; SMTP and Azurite in CareTransitions.Tests).</summary>
public sealed class MonthlyReportHttpTests : IAsyncLifetime
{
    private DashboardHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await DashboardHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Reports:Enabled"] = "true",
            ["Reports:Recipients"] = "styrgrupp@kommun.example.se; ordforande@region.example.se",
            ["Reports:ReformDate"] = "2024-07-01",
        });
        await DemoSeed.FillAsync(_host);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static double? Number(string? cell) => cell is null ? null : double.Parse(cell, CultureInfo.InvariantCulture);

    private static double? Rounded(JsonElement value, double factor, int decimals) =>
        value.ValueKind == JsonValueKind.Null ? null : Math.Round(value.GetDouble() * factor, decimals);

    [Fact]
    public async Task The_report_s_figures_equal_the_dashboard_s_for_the_same_month()
    {
        var response = await _host.Client.GetAsync("/dashboard/rapporter/2024-10.xlsx");
        using var workbook = new Workbook(await response.Content.ReadAsByteArrayAsync());
        using var json = JsonDocument.Parse(await _host.Client.GetStringAsync("/api/statistics?from=2024-10-01&to=2024-10-31"));
        var api = json.RootElement;
        var period = api.GetProperty("period");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("styrgruppsrapport-2024-10.xlsx", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        Assert.Equal(["Sammanfattning", "Trender", "Per kommun", "Per enhetstyp", "Per vårdform"], workbook.SheetNames);
        var values = workbook.Rows("Sammanfattning").Skip(MonthlyReportWorkbook.FirstKeyFigureRow - 1).Take(11).ToList();
        var acknowledged = api.GetProperty("acknowledgements").EnumerateArray().Sum(a => a.GetProperty("acknowledged").GetInt64());
        var byPhone = api.GetProperty("acknowledgements").EnumerateArray().Sum(a => a.GetProperty("acknowledgedByPhone").GetInt64());
        var expected = new (string Name, double? Value)[]
        {
            ("Utskrivningsklara vårdtillfällen", period.GetProperty("readyForDischarge").GetInt64()),
            ("Medelantal dagar som utskrivningsklar", Rounded(period.GetProperty("averageDaysReadyForDischarge"), 1, 2)),
            ("Dagar som utskrivningsklar, totalt", period.GetProperty("daysReadyForDischarge").GetInt64()),
            ("Utskrivna samma dag (dag 0)", Rounded(period.GetProperty("sameDayDischargeShare"), 100, 1)),
            ("Betalningsansvar", (double)period.GetProperty("paymentResponsibilityCost").GetDecimal()),
            ("Inskrivningsmeddelande inom 24 timmar", Rounded(period.GetProperty("admissionNoticesWithin24hShare"), 100, 1)),
            ("SIP kallad inom 3 dygn", Rounded(period.GetProperty("sipCalledWithin3DaysShare"), 100, 1)),
            ("Återinskrivning inom 30 dagar", Rounded(period.GetProperty("readmissionShare"), 100, 1)),
            ("Eskaleringar", api.GetProperty("acknowledgements").EnumerateArray().Sum(a => a.GetProperty("escalations").GetInt64())),
            ("Kvitterade via telefon", Math.Round(100.0 * byPhone / acknowledged, 1)),
            ("Vårdtillfällen med avbrott", period.GetProperty("episodesWithWithdrawal").GetInt64()),
        };
        Assert.Equal(expected, values.Select(r => (r[0]!, Number(r[1]))));
        Assert.True(expected[0].Value > 100, "the demo month has episodes");
        Assert.All(values, r => Assert.False(string.IsNullOrWhiteSpace(r[3]), $"{r[0]} has no definition"));

        // Per municipality and per unit type: the same rows as the API's.
        var municipalities = workbook.Rows("Per kommun").SkipWhile(r => r[0] != "Kommunkod").Skip(1).Select(r => (r[0], Number(r[3]))).ToList();
        Assert.Equal(api.GetProperty("municipalities").EnumerateArray().Select(m => (m.GetProperty("key").GetString(), (double?)m.GetProperty("measures").GetProperty("readyForDischarge").GetInt64())), municipalities);
        var units = workbook.Rows("Per enhetstyp").SkipWhile(r => r[0] != "Enhetstyp").Skip(1).Select(r => (r[0], Number(r[1]), Number(r[3]))).ToList();
        Assert.Equal(api.GetProperty("acknowledgements").EnumerateArray().Select(u => (u.GetProperty("name").GetString(), (double?)u.GetProperty("notified").GetInt64(),
            u.GetProperty("medianMinutes").ValueKind == JsonValueKind.Null ? null : (double?)u.GetProperty("medianMinutes").GetInt32())), units);

        // Before/after the configured reform date: 123 days from it to the month's end, and as many just before it.
        var summary = workbook.Rows("Sammanfattning");
        Assert.Contains(summary, r => r[0] == "Före och efter " + Dashboard.Presentation.Html.Date(new DateOnly(2024, 7, 1)));
        using var compare = JsonDocument.Parse(await _host.Client.GetStringAsync("/api/statistics?from=2024-02-29&to=2024-10-31&compareDate=2024-07-01"));
        var ready = summary.First(r => r[0] == "Utskrivningsklara");
        var comparison = compare.RootElement.GetProperty("comparison");
        Assert.Equal((Number(ready[1]), Number(ready[2])),
            ((double?)comparison.GetProperty("before").GetProperty("readyForDischarge").GetInt64(), (double?)comparison.GetProperty("after").GetProperty("readyForDischarge").GetInt64()));
    }

    [Fact]
    public async Task The_report_workbook_embeds_its_charts_as_PNGs_with_alt_text()
    {
        using var workbook = new Workbook(await _host.Client.GetByteArrayAsync("/dashboard/rapporter/2024-10.xlsx"));
        var trend = workbook.Images("Trender");

        Assert.Equal(2, trend.Count);
        Assert.Single(workbook.Images("Per kommun"));
        Assert.Single(workbook.Images("Per enhetstyp"));
        using var bitmap = SKBitmap.Decode(trend[0]);
        Assert.Equal((1720, 640), (bitmap.Width, bitmap.Height));
        Assert.All(workbook.ImageDescriptions("Trender"), d => Assert.StartsWith("Linjediagram, 12 punkter", d, StringComparison.Ordinal));
        Assert.Equal(12, workbook.Rows("Trender").SkipWhile(r => r[0] != "Månad").Count() - 1);
    }

    [Fact]
    public async Task A_month_with_no_transitions_gives_a_report_that_says_so()
    {
        var response = await _host.Client.GetAsync("/dashboard/rapporter/2023-05.xlsx");
        using var workbook = new Workbook(await response.Content.ReadAsByteArrayAsync());
        var summary = workbook.Rows("Sammanfattning");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Inga vårdtillfällen avslutades under maj 2023: nyckeltalen saknar underlag för månaden.", summary[2][0]);
        Assert.Equal("0", summary[MonthlyReportWorkbook.FirstKeyFigureRow - 1][1]);
        Assert.Null(summary[MonthlyReportWorkbook.FirstKeyFigureRow][1]);
        Assert.Contains(workbook.Rows("Per kommun"), r => r[0] == summary[2][0]);
        Assert.Empty(workbook.Images("Per kommun"));
    }

    [Fact]
    public async Task A_bad_or_future_month_in_the_URL_gets_a_clear_400()
    {
        var bad = await _host.Client.GetAsync("/dashboard/rapporter/2026-13.xlsx");
        using var badJson = JsonDocument.Parse(await bad.Content.ReadAsStringAsync());
        var future = await _host.Client.GetAsync("/dashboard/rapporter/2099-01.xlsx");
        var notArchived = await _host.Client.GetAsync("/dashboard/rapporter/arkiv/2024-02.xlsx");
        var picked = await _host.Client.GetAsync("/dashboard/rapporter?manad=2026-13");

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType!.MediaType);
        Assert.Contains("ÅÅÅÅ-MM", badJson.RootElement.GetProperty("errors").GetProperty("month")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.Contains("har inte börjat", await future.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, notArchived.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, picked.StatusCode);
        Assert.Contains("Skriv månaden som ÅÅÅÅ-MM", await picked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sent_report_is_archived_listed_with_its_download_link_and_never_sent_twice()
    {
        var reports = _host.Services.GetRequiredService<MonthlyReports>();

        var first = await reports.ProduceAndSendAsync(new ReportMonth(2024, 9));
        var again = await reports.ProduceAndSendAsync(new ReportMonth(2024, 9));
        var page = new HtmlParser().ParseDocument(await _host.Client.GetStringAsync("/dashboard/rapporter"));
        var link = page.QuerySelector("#archived-reports a[href='/dashboard/rapporter/arkiv/2024-09.xlsx']");
        var archived = await _host.Client.GetByteArrayAsync("/dashboard/rapporter/arkiv/2024-09.xlsx");
        var picker = await new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _host.BaseAddress }.GetAsync("/dashboard/rapporter?manad=2024-09");

        Assert.Equal(MonthlyReportOutcome.Sent, first.Outcome);
        Assert.Equal(MonthlyReportOutcome.AlreadySent, again.Outcome);
        // No Smtp:Host: the email is an .eml in the pickup folder under Storage:Directory, one per month whatever the retries.
        var eml = Assert.Single(Directory.GetFiles(Path.Combine(_host.DataDirectory, "mail-pickup"), "*.eml"));
        var mail = await MimeKit.MimeMessage.LoadAsync(eml);
        Assert.Equal(["styrgrupp@kommun.example.se", "ordforande@region.example.se"], mail.To.Mailboxes.Select(m => m.Address));
        Assert.Equal("styrgruppsrapport-2024-09@vardovergang.example.se", mail.MessageId);
        Assert.Equal(archived, File.ReadAllBytes(Path.Combine(_host.DataDirectory, "reports", "styrgruppsrapport-2024-09.xlsx")));
        Assert.NotNull(link);
        Assert.Contains("september 2024", page.QuerySelector("#archived-reports")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, picker.StatusCode);
        Assert.Equal("/dashboard/rapporter/2024-09.xlsx", picker.Headers.Location!.ToString());
    }
}
