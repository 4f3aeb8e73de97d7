using System.Globalization;
using System.Text;

namespace Dashboard.Exports;

/// <summary>
/// CSV the way Swedish Excel opens it without an import wizard: UTF-8 with BOM, semicolon separators,
/// decimal comma. With a <see cref="ExportSelection"/>, the selection comes first as "name;value" lines and an
/// empty line, then the table's header and rows.
/// </summary>
internal static class CsvExport
{
    private static readonly CultureInfo Sv = CultureInfo.GetCultureInfo("sv-SE");

    public static byte[] Write(ReportTable table, ExportSelection? selection = null)
    {
        var csv = new StringBuilder();
        if (selection is not null)
        {
            // IMPORTANT: no "sep=;" line: with one, Excel ignores the BOM and misreads å, ä, ö. Every line is padded to the
            // table's width so an import that sizes its columns from the first lines still sees every column.
            var padding = new string(';', Math.Max(0, table.Columns.Count - 2));
            foreach (var (name, value) in selection.Rows)
            {
                csv.Append(Quote(name)).Append(';').Append(Quote(value)).Append(padding).Append("\r\n");
            }
            csv.Append(';').Append(padding).Append("\r\n");
        }
        csv.AppendJoin(';', table.Columns.Select(Quote)).Append("\r\n");
        foreach (var row in table.Rows)
        {
            csv.AppendJoin(';', row.Select(Cell)).Append("\r\n");
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    private static string Cell(object? value) => value switch
    {
        null => string.Empty,
        long or int => Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
        // Plain digits with a decimal comma: no thousands separator, which Excel would read as text.
        double d => d.ToString("0.##########", Sv),
        decimal m => m.ToString("0.##", Sv),
        _ => Quote(value.ToString() ?? string.Empty),
    };

    private static string Quote(string text)
    {
        // A cell starting with = + - @ would run as a formula in Excel; a leading apostrophe keeps it text.
        if (text.Length > 0 && "=+-@".Contains(text[0], StringComparison.Ordinal))
        {
            text = "'" + text;
        }
        return text.IndexOfAny([';', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
