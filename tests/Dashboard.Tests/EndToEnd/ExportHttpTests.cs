using System.Net;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.EndToEnd;

public sealed class ExportHttpTests : IAsyncLifetime
{
    private DashboardHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await DashboardHost.StartAsync();
        await DemoSeed.FillAsync(_host);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("veckor", "Vecka;Från och med;Vårdtillfällen", 54)]
    [InlineData("manader", "Månad;Från och med;Vårdtillfällen", 13)]
    [InlineData("kvittenser", "Enhetstyp;Aviseringar;Kvitterade", 6)]
    [InlineData("vardformer", "Vårdform;Vårdtillfällen", 3)]
    public async Task Each_chart_table_downloads_as_Swedish_CSV(string table, string header, int lines)
    {
        var response = await _host.Client.GetAsync($"/dashboard/export/{table}.csv{DemoSeed.YearQuery}");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var text = Encoding.UTF8.GetString(bytes.AsSpan(3));
        // The selection (urval) comes first, up to an empty line; then the table.
        var body = text.Split("\r\n").SkipWhile(l => l.Trim(';').Length > 0).Skip(1).Where(l => l.Length > 0).ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.StartsWith("Rapport;", text, StringComparison.Ordinal);
        Assert.StartsWith(header, body[0], StringComparison.Ordinal);
        Assert.Equal(lines, body.Count);
        Assert.Contains($"uppfoljning-{table}-2024-01-01-2024-12-31.csv", response.Content.Headers.ContentDisposition!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_municipality_table_downloads_as_an_xlsx_workbook_with_numbers()
    {
        var response = await _host.Client.GetAsync($"/dashboard/export/kommuner.xlsx{DemoSeed.YearQuery}");
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var workbook = SpreadsheetDocument.Open(stream, false);
        var sheet = workbook.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == "Per kommun");
        var rows = ((WorksheetPart)workbook.WorkbookPart.GetPartById(sheet.Id!.Value!)).Worksheet.GetFirstChild<SheetData>()!.Elements<Row>().ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Kommunkod", rows[0].Elements<Cell>().First().InlineString!.InnerText);
        var goteborg = rows.Single(r => r.Elements<Cell>().ElementAt(1).InlineString?.InnerText == "Göteborg");
        var episodes = goteborg.Elements<Cell>().ElementAt(2);
        Assert.Equal(CellValues.Number, episodes.DataType!.Value);
        Assert.True(long.Parse(episodes.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture) > 100);
    }

    [Fact]
    public async Task An_unknown_table_or_format_is_a_problem_not_a_file()
    {
        var unknown = await _host.Client.GetAsync("/dashboard/export/hemligt.csv");
        var format = await _host.Client.GetAsync("/dashboard/export/veckor.pdf");
        var noCompare = await _host.Client.GetAsync("/dashboard/export/fore-efter.csv");

        Assert.Equal((HttpStatusCode.NotFound, "application/problem+json"), (unknown.StatusCode, unknown.Content.Headers.ContentType!.MediaType));
        Assert.Equal(HttpStatusCode.BadRequest, format.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noCompare.StatusCode);
    }
}
