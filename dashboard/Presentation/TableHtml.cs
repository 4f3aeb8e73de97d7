using System.Globalization;
using System.Text;
using Dashboard.Exports;

namespace Dashboard.Presentation;

/// <summary>Renders a <see cref="ReportTable"/> as an HTML table, with its export links.</summary>
internal static class TableHtml
{
    public static string Render(ReportTable table, bool collapsed, string summary = "Visa tabellen bakom diagrammet")
    {
        var html = new StringBuilder();
        if (collapsed)
        {
            html.Append("<details><summary>").Append(Html.Encode(summary)).Append("</summary>");
        }
        html.Append(ScrollRegion($"caption-{table.Id}"));
        html.Append(CultureInfo.InvariantCulture, $"""<table id="table-{table.Id}"><caption class="note" id="caption-{table.Id}">{Html.Encode(table.Title)}</caption><thead><tr>""");
        foreach (var column in table.Columns)
        {
            html.Append(CultureInfo.InvariantCulture, $"""<th scope="col">{Html.Encode(column)}</th>""");
        }
        html.Append("</tr></thead><tbody>");
        foreach (var row in table.Rows)
        {
            html.Append("<tr>");
            foreach (var cell in row)
            {
                html.Append("<td>").Append(Html.Encode(Format(cell))).Append("</td>");
            }
            html.Append("</tr>");
        }
        html.Append("</tbody></table></div>");
        if (collapsed)
        {
            html.Append("</details>");
        }
        return html.ToString();
    }

    /// <summary>
    /// Opens the box a wide table scrolls in, never the page: a region named by <paramref name="labelledBy"/> that takes
    /// focus, so a keyboard can scroll it too. Closed by <c>&lt;/div&gt;</c>.
    /// </summary>
    public static string ScrollRegion(string labelledBy) =>
        $"""<div class="table-scroll" role="region" tabindex="0" aria-labelledby="{Html.Encode(labelledBy)}">""";

    public static string ExportLinks(string tableId, string query) =>
        $"""<p class="exports">Ladda ner tabellen: <a href="/dashboard/export/{tableId}.csv{Html.Encode(query)}">CSV</a> · <a href="/dashboard/export/{tableId}.xlsx{Html.Encode(query)}">Excel (.xlsx)</a></p>""";

    private static string Format(object? cell) => cell switch
    {
        null => Html.Missing,
        long l => Html.Number(l),
        int i => Html.Number(i),
        double d => d.ToString("N1", SwedishCulture),
        decimal m => m.ToString("N0", SwedishCulture),
        _ => cell.ToString() ?? string.Empty,
    };

    private static readonly CultureInfo SwedishCulture = Statistics.SwedishCalendar.Swedish;
}
