using System.Text;
using CareTransitions.AccessLogging;
using static CareTransitions.Worklist.WorklistText;

namespace CareTransitions.Worklist;

/// <summary>The work list as filtered, as CSV for Swedish Excel: semicolons, UTF-8 with a byte-order mark, Swedish time, as the access log's.</summary>
internal static class WorklistCsv
{
    public static readonly string[] Headers =
        ["Referens", "Övergångens id", "Avdelning", "Kommun", "Fas", "Läge", "Enheter", "Tidsfrister", "Betalningsansvar från", "Dagar med betalningsansvar", "Kostnad hittills (kr)"];

    public static byte[] Write(IEnumerable<WorklistRow> rows)
    {
        var text = new StringBuilder();
        text.AppendJoin(';', Headers).Append("\r\n");
        foreach (var row in rows)
        {
            text.AppendJoin(';', Cells(row).Select(AccessLogCsv.Field)).Append("\r\n");
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static IEnumerable<string> Cells(WorklistRow row)
    {
        var s = row.Status;
        return
        [
            row.Reference, row.Id, s.Ward?.Name ?? "", s.MunicipalityCode ?? "", Phase(s.Phase), Urgency(row.Urgency),
            string.Join(" | ", s.Units.Select(Unit)),
            string.Join(" | ", row.Deadlines.Select(d => $"{d.Label}: {d.Text}")),
            s.Deadlines.PaymentResponsibilityFrom is { } from ? Date(from) : "",
            row.PaymentDays.ToString(System.Globalization.CultureInfo.InvariantCulture),
            (row.CostOre / 100).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ];
    }
}
