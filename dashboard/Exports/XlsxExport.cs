namespace Dashboard.Exports;

/// <summary>An .xlsx workbook with one sheet holding the table; numbers are real numbers, not text.</summary>
internal static class XlsxExport
{
    public static byte[] Write(ReportTable table)
    {
        var workbook = new XlsxWorkbook();
        workbook.AddSheet(table.Title).Table(table);
        return workbook.ToBytes();
    }
}
