using System.Text;
using Dashboard.Exports;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Dashboard.Tests.Exports;

public sealed class ExportFormatTests
{
    private static readonly ReportTable Table = new("t", "En tabell med ett mycket långt namn som inte får plats", ["Namn", "Antal", "Andel (%)", "Kostnad (kr)"],
    [
        ["Göteborg; centrum", 1200L, 67.5, 24_600m],
        ["=HYPERLINK(\"x\")", 3L, null, 0m],
    ]);

    [Fact]
    public void Write_Csv_UsesSemicolonsDecimalCommaAndQuotes()
    {
        var bytes = CsvExport.Write(Table);
        var lines = Encoding.UTF8.GetString(bytes.AsSpan(3)).Split("\r\n");

        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.Equal("Namn;Antal;Andel (%);Kostnad (kr)", lines[0]);
        Assert.Equal("\"Göteborg; centrum\";1200;67,5;24600", lines[1]);
    }

    [Fact]
    public void Write_CsvCellLookingLikeAFormula_IsKeptAsText() =>
        Assert.StartsWith("\"'=HYPERLINK(\"\"x\"\")\";3;;0", Encoding.UTF8.GetString(CsvExport.Write(Table).AsSpan(3)).Split("\r\n")[2], StringComparison.Ordinal);

    [Fact]
    public void Write_Xlsx_HasNumbersAsNumbersAndAShortSheetName()
    {
        using var stream = new MemoryStream(XlsxExport.Write(Table));
        using var document = SpreadsheetDocument.Open(stream, false);
        var sheet = document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single();
        var rows = document.WorkbookPart.WorksheetParts.Single().Worksheet.GetFirstChild<SheetData>()!.Elements<Row>().ToList();
        var cells = rows[1].Elements<Cell>().ToList();

        Assert.Equal(31, sheet.Name!.Value!.Length);
        Assert.Equal(3, rows.Count);
        Assert.Equal(("A2", "Göteborg; centrum"), (cells[0].CellReference!.Value, cells[0].InlineString!.InnerText));
        Assert.Equal((CellValues.Number, "67.5"), (cells[2].DataType!.Value, cells[2].CellValue!.Text));
        Assert.Equal("24600", cells[3].CellValue!.Text);
    }

    [Theory]
    [InlineData("Göteborg", "goteborg")]
    [InlineData("Lilla Edet", "lilla-edet")]
    [InlineData("Åmål", "amal")]
    [InlineData("Psykiatrisk vård", "psykiatrisk-vard")]
    [InlineData("Medicin 1 / Östra sjukhuset (Sahlgrenska)", "medicin-1-ostra-sjukhuset-sahl")]
    public void Slug_SwedishName_IsShortLowerCaseAscii(string name, string expected) =>
        Assert.Equal(expected, ExportSelection.Slug(name));
}
