using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using A = DocumentFormat.OpenXml.Drawing;
using Xdr = DocumentFormat.OpenXml.Drawing.Spreadsheet;

namespace Dashboard.Exports;

/// <summary>Cell styles every workbook has (indexes into the stylesheet written below).</summary>
internal enum XlsxStyle : uint
{
    Normal = 0,
    Bold = 1,
    Title = 2,
    Wrapped = 3,
}

/// <summary>
/// A small .xlsx writer over the Open XML SDK: sheets of rows (numbers stay numbers, text is inline), column
/// widths, bold and wrapped styles, and PNG images anchored at a cell with their alt text.
/// </summary>
internal sealed class XlsxWorkbook
{
    private readonly List<XlsxSheet> sheets = [];

    public XlsxSheet AddSheet(string name)
    {
        // Excel allows at most 31 characters in a sheet name.
        var sheet = new XlsxSheet(name.Length > 31 ? name[..31] : name);
        this.sheets.Add(sheet);
        return sheet;
    }

    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var list = workbook.Workbook.AppendChild(new Sheets());
            for (var i = 0; i < this.sheets.Count; i++)
            {
                var part = workbook.AddNewPart<WorksheetPart>();
                this.sheets[i].WriteTo(part);
                list.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = (uint)i + 1, Name = this.sheets[i].Name });
            }
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    private static Stylesheet Styles() => new(
        new Fonts(
            new Font(),
            new Font(new Bold()),
            new Font(new Bold(), new FontSize { Val = 14 })),
        // Excel requires the first two fills to be these.
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
        new Borders(new Border()),
        new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1, ApplyFont = true },
            new CellFormat { FontId = 2, ApplyFont = true },
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { ApplyAlignment = true }));
}

/// <summary>One sheet: rows appended top to bottom, images anchored at a row.</summary>
internal sealed class XlsxSheet(string name)
{
    // Pixels at 96 dpi in English Metric Units, the unit drawings are measured in.
    private const long EmuPerPixel = 9525;

    private readonly List<(uint Index, IReadOnlyList<object?> Values, XlsxStyle Style)> rows = [];
    private readonly List<(int Column, double Width)> widths = [];
    private readonly List<(uint Row, byte[] Png, int Width, int Height, string Name, string Description)> images = [];

    public string Name { get; } = name;

    /// <summary>The 1-based index the next row gets.</summary>
    public uint NextRow { get; private set; } = 1;

    public XlsxSheet Row(XlsxStyle style, params object?[] values)
    {
        this.rows.Add((this.NextRow++, values, style));
        return this;
    }

    public XlsxSheet Row(params object?[] values) => this.Row(XlsxStyle.Normal, values);

    public XlsxSheet Blank()
    {
        this.NextRow++;
        return this;
    }

    /// <summary>A table: its columns as a bold header row, then its rows.</summary>
    public XlsxSheet Table(ReportTable table)
    {
        this.Row(XlsxStyle.Bold, [.. table.Columns]);
        foreach (var row in table.Rows)
        {
            this.Row(row);
        }
        return this;
    }

    /// <summary>Column width in characters (0-based column).</summary>
    public XlsxSheet Width(int column, double characters)
    {
        this.widths.Add((column, characters));
        return this;
    }

    /// <summary>A PNG at the next row, shown at <paramref name="width"/> × <paramref name="height"/> pixels; rows are skipped below it.</summary>
    public XlsxSheet Image(byte[] png, int width, int height, string name, string description)
    {
        this.images.Add((this.NextRow - 1, png, width, height, name, description));
        // A default row is 20 px high: leave the rows the image covers empty.
        this.NextRow += (uint)Math.Ceiling(height / 20.0) + 1;
        return this;
    }

    internal void WriteTo(WorksheetPart part)
    {
        var worksheet = new Worksheet();
        if (this.widths.Count > 0)
        {
            worksheet.Append(new Columns(this.widths.OrderBy(w => w.Column).Select(w =>
                new Column { Min = (uint)w.Column + 1, Max = (uint)w.Column + 1, Width = w.Width, CustomWidth = true })));
        }
        var data = new SheetData();
        foreach (var (index, values, style) in this.rows)
        {
            data.Append(CellRow(index, values, style));
        }
        worksheet.Append(data);
        part.Worksheet = worksheet;
        if (this.images.Count > 0)
        {
            // IMPORTANT: <drawing> comes after <sheetData> in a worksheet, or Excel calls the file damaged.
            var drawings = part.AddNewPart<DrawingsPart>();
            drawings.WorksheetDrawing = new Xdr.WorksheetDrawing();
            uint id = 1;
            foreach (var image in this.images)
            {
                drawings.WorksheetDrawing.Append(Anchor(drawings, image, id++));
            }
            worksheet.Append(new Drawing { Id = part.GetIdOfPart(drawings) });
        }
        worksheet.Save();
    }

    private static Xdr.OneCellAnchor Anchor(DrawingsPart drawings, (uint Row, byte[] Png, int Width, int Height, string Name, string Description) image, uint id)
    {
        var imagePart = drawings.AddImagePart(ImagePartType.Png);
        using (var png = new MemoryStream(image.Png))
        {
            imagePart.FeedData(png);
        }
        long cx = image.Width * EmuPerPixel, cy = image.Height * EmuPerPixel;
        return new Xdr.OneCellAnchor(
            new Xdr.FromMarker(new Xdr.ColumnId("0"), new Xdr.ColumnOffset("0"), new Xdr.RowId(image.Row.ToString(CultureInfo.InvariantCulture)), new Xdr.RowOffset("0")),
            new Xdr.Extent { Cx = cx, Cy = cy },
            new Xdr.Picture(
                new Xdr.NonVisualPictureProperties(
                    new Xdr.NonVisualDrawingProperties { Id = id, Name = image.Name, Description = image.Description },
                    new Xdr.NonVisualPictureDrawingProperties(new A.PictureLocks { NoChangeAspect = true })),
                new Xdr.BlipFill(new A.Blip { Embed = drawings.GetIdOfPart(imagePart) }, new A.Stretch(new A.FillRectangle())),
                new Xdr.ShapeProperties(
                    new A.Transform2D(new A.Offset { X = 0, Y = 0 }, new A.Extents { Cx = cx, Cy = cy }),
                    new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle })),
            new Xdr.ClientData());
    }

    private static Row CellRow(uint index, IReadOnlyList<object?> values, XlsxStyle style)
    {
        var row = new Row { RowIndex = index };
        for (var column = 0; column < values.Count; column++)
        {
            var value = values[column];
            var reference = ColumnName(column) + index.ToString(CultureInfo.InvariantCulture);
            var cell = value switch
            {
                null => new Cell { CellReference = reference },
                long or int or double or decimal => new Cell
                {
                    CellReference = reference,
                    DataType = CellValues.Number,
                    CellValue = new CellValue(Convert.ToString(value, CultureInfo.InvariantCulture)!),
                },
                _ => new Cell
                {
                    CellReference = reference,
                    DataType = CellValues.InlineString,
                    InlineString = new InlineString(new Text(value.ToString() ?? string.Empty) { Space = SpaceProcessingModeValues.Preserve }),
                },
            };
            if (style != XlsxStyle.Normal)
            {
                cell.StyleIndex = (uint)style;
            }
            row.Append(cell);
        }
        return row;
    }

    private static string ColumnName(int index) =>
        index < 26 ? ((char)('A' + index)).ToString() : ColumnName(index / 26 - 1) + (char)('A' + index % 26);
}
