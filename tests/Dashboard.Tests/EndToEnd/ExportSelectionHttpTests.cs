using System.Text;
using Dashboard.Presentation;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.EndToEnd;

/// <summary>An export filtered to Göteborg and Rehabilitering says so in its file name and before its table.</summary>
public sealed class ExportSelectionHttpTests : IAsyncLifetime
{
    private const string Query = "?from=2025-12-01&to=2026-11-30&municipality=1480&needs=Rehabilitation";

    // 14:41 UTC on 6 December is 15:41 in Sweden (winter time).
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 6, 14, 41, 0, TimeSpan.Zero));
    private DashboardHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await DashboardHost.StartAsync(configure: services => services.AddSingleton<TimeProvider>(_clock));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_xlsx_is_named_after_its_filter_and_opens_on_a_sheet_saying_what_it_holds()
    {
        var response = await _host.Client.GetAsync("/dashboard/export/kommuner.xlsx" + Query);
        using var workbook = new Workbook(await response.Content.ReadAsByteArrayAsync());
        var disposition = response.Content.Headers.ContentDisposition!;

        Assert.Equal("uppfoljning-kommuner-2025-12-01-2026-11-30_goteborg_rehabilitering.xlsx", disposition.FileNameStar ?? disposition.FileName);
        Assert.Equal(["Urval", "Per kommun"], workbook.SheetNames);
        var selection = workbook.Rows("Urval").Where(r => r.Length == 2).ToDictionary(r => r[0]!, r => r[1]);
        Assert.Equal("Per kommun", selection["Tabell"]);
        Assert.StartsWith("2025-12-01 – 2026-11-30", selection["Period"], StringComparison.Ordinal);
        Assert.Equal("Göteborg (1480)", selection["Kommun"]);
        Assert.Equal("Rehabilitering", selection["Behov"]);
        Assert.Equal("Somatisk och psykiatrisk vård", selection["Vårdform"]);
        Assert.Equal("2026-12-06 15:41 (svensk tid)", selection["Framtagen"]);
        Assert.Equal("Kommunkod", workbook.Rows("Per kommun")[0][0]);
    }

    [Fact]
    public async Task The_csv_is_named_after_its_filter_and_begins_with_it_in_lines_Swedish_Excel_reads()
    {
        var response = await _host.Client.GetAsync("/dashboard/export/veckor.csv" + Query + "&careType=Somatic");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var lines = Encoding.UTF8.GetString(bytes.AsSpan(3)).Split("\r\n");
        var disposition = response.Content.Headers.ContentDisposition!;
        var header = Array.FindIndex(lines, l => l.StartsWith("Vecka;", StringComparison.Ordinal));

        Assert.Equal("uppfoljning-veckor-2025-12-01-2026-11-30_goteborg_somatisk-vard_rehabilitering.csv", disposition.FileNameStar ?? disposition.FileName);
        // UTF-8 with BOM and no "sep=" line, which would make Excel ignore the BOM.
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.True(header > 0, "the table's header follows the selection");
        var columns = lines[header].Split(';').Length;
        var selection = lines[..header];
        Assert.Equal(
            ["Rapport;" + DashboardPage.Title, "Tabell;Per vecka", "Kommun;Göteborg (1480)", "Vårdform;Somatisk vård", "Behov;Rehabilitering", "Framtagen;2026-12-06 15:41 (svensk tid)"],
            selection.Select(l => l.TrimEnd(';')).Where(l => !l.StartsWith("Period;", StringComparison.Ordinal) && !l.StartsWith("Avdelning;", StringComparison.Ordinal) && l.Length > 0));
        // An empty line between the selection and the table, and every line as wide as the table, so no column guess
        // from the first lines cuts the table short.
        Assert.Equal(string.Empty, selection[^1].Trim(';'));
        Assert.All(selection, l => Assert.Equal(columns, l.Split(';').Length));
    }
}
