using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Dashboard.Tests.Support;

/// <summary>Reads an .xlsx back: sheets by name, cells by row as text or number, and the images each sheet embeds.</summary>
internal sealed class Workbook : IDisposable
{
    private readonly SpreadsheetDocument _document;

    public Workbook(byte[] bytes) => _document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);

    public IReadOnlyList<string> SheetNames => _document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!).ToList();

    /// <summary>Every row of a sheet by position (row 1 at index 0, blank rows empty), each cell as its text (numbers in invariant culture).</summary>
    public List<string?[]> Rows(string sheet)
    {
        var rows = Part(sheet).Worksheet.GetFirstChild<SheetData>()!.Elements<Row>().ToList();
        var result = Enumerable.Range(0, (int)(rows.Select(r => r.RowIndex!.Value).DefaultIfEmpty(0u).Max())).Select(_ => new string?[] { null }).ToList();
        foreach (var row in rows)
        {
            result[(int)row.RowIndex!.Value - 1] = row.Elements<Cell>().Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text).ToArray();
        }
        return result;
    }

    public uint RowIndexOf(string sheet, string firstCell) =>
        Part(sheet).Worksheet.GetFirstChild<SheetData>()!.Elements<Row>()
            .First(r => r.Elements<Cell>().FirstOrDefault()?.InlineString?.InnerText == firstCell).RowIndex!.Value;

    public IReadOnlyList<byte[]> Images(string sheet) =>
        Part(sheet).DrawingsPart?.ImageParts.Select(p =>
        {
            using var stream = p.GetStream();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }).ToList() ?? [];

    public IReadOnlyList<string> ImageDescriptions(string sheet) =>
        Part(sheet).DrawingsPart?.WorksheetDrawing.Descendants<DocumentFormat.OpenXml.Drawing.Spreadsheet.NonVisualDrawingProperties>()
            .Select(p => p.Description?.Value ?? string.Empty).ToList() ?? [];

    private WorksheetPart Part(string sheet)
    {
        var id = _document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == sheet).Id!.Value!;
        return (WorksheetPart)_document.WorkbookPart.GetPartById(id);
    }

    public void Dispose() => _document.Dispose();
}
