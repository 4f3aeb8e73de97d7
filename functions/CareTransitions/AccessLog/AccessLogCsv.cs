using System.Globalization;
using System.Text;
using CareTransitions.Workflow;

namespace CareTransitions.AccessLogging;

/// <summary>
/// The access log as CSV for Swedish Excel: semicolons, UTF-8 with a byte-order mark, times in Swedish time. The page's
/// table shows the same columns.
/// </summary>
internal static class AccessLogCsv
{
    public static readonly string[] Headers = ["Tid", "Personens HSA-id", "Namn", "Enhetens HSA-id", "Övergång", "Referens", "Vad", "Utfall"];

    public static IEnumerable<string> Cells(AccessLogRecord row)
    {
        var e = row.Entry;
        return
        [
            SwedishTime.ToLocal(row.At).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            e.PersonHsaId, e.PersonName, e.UnitHsaId ?? "", e.TransitionId ?? "", e.Reference ?? "", e.What, AccessOutcomes.Text(e.Outcome),
        ];
    }

    public static byte[] Write(IEnumerable<AccessLogRecord> rows)
    {
        var text = new StringBuilder();
        text.AppendJoin(';', Headers).Append("\r\n");
        foreach (var row in rows)
        {
            text.AppendJoin(';', Cells(row).Select(Field)).Append("\r\n");
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    // Quoted when it holds a separator, quote or line break; a leading = + - @ gets an apostrophe so Excel never runs it as a formula.
    internal static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }
        return value.IndexOfAny([';', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }
}
