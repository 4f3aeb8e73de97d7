namespace Dashboard.Exports;

/// <summary>
/// An .xlsx workbook with the table on a sheet of its own; numbers are real numbers, not text. With a
/// <see cref="ExportSelection"/>, a first sheet "Urval" says what the table holds and when it was produced.
/// </summary>
internal static class XlsxExport
{
    public static byte[] Write(ReportTable table, ExportSelection? selection = null)
    {
        var workbook = new XlsxWorkbook();
        if (selection is not null)
        {
            var sheet = workbook.AddSheet(ExportSelection.SheetName).Width(0, 18).Width(1, 70);
            sheet.Row(XlsxStyle.Title, "Urval").Blank();
            foreach (var (name, value) in selection.Rows)
            {
                sheet.Row(name, value);
            }
        }
        workbook.AddSheet(table.Title).Table(table);
        return workbook.ToBytes();
    }
}
