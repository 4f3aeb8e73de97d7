using System.Globalization;
using System.Text;

namespace Dashboard.Exports;

/// <summary>
/// CSV the way Swedish Excel opens it without an import wizard: UTF-8 with BOM, semicolon separators,
/// decimal comma.
/// </summary>
internal static class CsvExport
{
    private static readonly CultureInfo Sv = CultureInfo.GetCultureInfo("sv-SE");

    public static byte[] Write(ReportTable table)
    {
        var csv = new StringBuilder();
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
