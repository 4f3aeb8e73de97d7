using System.Text;
using Dashboard.Presentation;
using Dashboard.Statistics;

namespace Dashboard.Reports;

/// <summary>The report as an email body: HTML with inline styles (mail clients ignore style sheets) and charts by Content-ID, and plain text.</summary>
internal static class MonthlyReportEmail
{
    private const string Cell = "border:1px solid #d0d7de;padding:3px 6px;text-align:right";
    private const string Head = "border:1px solid #d0d7de;padding:3px 6px;text-align:left;background:#f6f8fa";
    private const string Name = "border:1px solid #d0d7de;padding:3px 6px;text-align:left";

    /// <summary>The Content-ID a chart's inline image has in the email (without angle brackets).</summary>
    public static string ContentId(string chartId, ReportMonth month) => $"{chartId}.{month}@styrgruppsrapport";

    public static string Subject(MonthlyReport report) => $"{report.Title}: utskrivning från slutenvård";

    public static string Html(MonthlyReport report, string? archiveUrl)
    {
        var html = new StringBuilder("<!DOCTYPE html><html lang=\"sv\"><body style=\"font-family:Arial,sans-serif;color:#1b1f23;max-width:900px\">");
        html.Append("<h1 style=\"font-size:20px\">").Append(Encode(report.Title)).Append(" – utskrivning från slutenvård</h1>");
        html.Append("<p>Samverkan vid utskrivning enligt lag (2017:612). Period ").Append(Encode(Presentation.Html.Date(report.Month.FirstDay)))
            .Append(" – ").Append(Encode(Presentation.Html.Date(report.Month.LastDay))).Append(". Hela rapporten med tabeller finns i den bifogade Excel-filen.</p>");
        if (report.IsEmpty)
        {
            html.Append("<p style=\"border:2px solid #b35900;padding:6px\"><strong>").Append(Encode(MonthlyReportWorkbook.EmptyNote(report))).Append("</strong></p>");
        }
        else if (report.IsPreliminary)
        {
            html.Append("<p><strong>").Append(Encode(MonthlyReportWorkbook.PreliminaryNote)).Append("</strong></p>");
        }

        html.Append("<h2 style=\"font-size:16px\">Nyckeltal för månaden</h2><p style=\"color:#57606a\">").Append(Encode(MeasureDefinitions.Period)).Append("</p>");
        html.Append("<table style=\"border-collapse:collapse;font-size:13px\"><tr><th style=\"").Append(Head).Append("\">Mått</th><th style=\"").Append(Head)
            .Append("\">Värde</th><th style=\"").Append(Head).Append("\">Underlag</th></tr>");
        foreach (var figure in KeyFigureList.Of(report.Figures))
        {
            html.Append("<tr><td style=\"").Append(Name).Append("\"><strong>").Append(Encode(figure.Name)).Append("</strong><br><span style=\"color:#57606a;font-size:11px\">")
                .Append(Encode(figure.Definition)).Append("</span></td><td style=\"").Append(Cell).Append(";white-space:nowrap\">").Append(Encode(figure.Display))
                .Append("</td><td style=\"").Append(Cell).Append("\">").Append(Encode(figure.Detail ?? string.Empty)).Append("</td></tr>");
        }
        html.Append("</table>");

        Comparison(html, report);

        html.Append("<h2 style=\"font-size:16px\">Diagram</h2>");
        foreach (var chart in report.Charts)
        {
            html.Append("<figure style=\"margin:16px 0\"><img src=\"cid:").Append(Encode(ContentId(chart.Id, report.Month))).Append("\" width=\"860\" style=\"max-width:100%;height:auto\" alt=\"")
                .Append(Encode(chart.Describe())).Append("\"><figcaption style=\"color:#57606a;font-size:12px\">").Append(Encode(chart.Title)).Append(".</figcaption></figure>");
        }

        Municipalities(html, report.Figures);
        Units(html, report.Figures);
        html.Append("<p style=\"color:#57606a;font-size:12px\">Inga personuppgifter: statistiken bygger på avslutade vårdtillfällen där patienten bara finns som nyckelkodad pseudonym.");
        if (archiveUrl is not null)
        {
            html.Append(" Tidigare rapporter: <a href=\"").Append(Encode(archiveUrl)).Append("\">").Append(Encode(archiveUrl)).Append("</a>.");
        }
        return html.Append("</p></body></html>").ToString();
    }

    public static string Text(MonthlyReport report, string? archiveUrl)
    {
        var text = new StringBuilder().AppendLine($"{report.Title} – utskrivning från slutenvård")
            .AppendLine($"Period {Presentation.Html.Date(report.Month.FirstDay)} – {Presentation.Html.Date(report.Month.LastDay)}. Hela rapporten finns i den bifogade Excel-filen.")
            .AppendLine();
        if (report.IsEmpty)
        {
            text.AppendLine(MonthlyReportWorkbook.EmptyNote(report)).AppendLine();
        }
        foreach (var figure in KeyFigureList.Of(report.Figures))
        {
            text.Append(figure.Name).Append(": ").Append(figure.Display).AppendLine(figure.Detail is { } d ? $" ({d})" : string.Empty);
        }
        if (archiveUrl is not null)
        {
            text.AppendLine().Append("Tidigare rapporter: ").AppendLine(archiveUrl);
        }
        return text.ToString();
    }

    private static void Comparison(StringBuilder html, MonthlyReport report)
    {
        if (report.Comparison is not { Comparison: { } c } comparison)
        {
            return;
        }
        html.Append("<h2 style=\"font-size:16px\">Före och efter ").Append(Encode(Presentation.Html.Date(c.Date))).Append("</h2><p>")
            .Append(Encode(MonthlyReportWorkbook.ComparisonPeriods(comparison.Filter.From, c.Date, comparison.Filter.To))).Append("</p>");
        var table = Exports.ReportTables.ById(comparison, "fore-efter")!;
        Table(html, table.Columns, table.Rows);
    }

    private static void Municipalities(StringBuilder html, StatisticsReport figures)
    {
        if (figures.Municipalities.Count == 0)
        {
            return;
        }
        html.Append("<h2 style=\"font-size:16px\">Per kommun</h2>");
        Table(html, ["Kommun", "Utskrivningsklara", "Medeldagar", "Samma dag (%)", "Betalningsansvar (kr)"],
            figures.Municipalities.Select(m => (object?[])[
                m.Name, m.Measures.ReadyForDischarge, m.Measures.AverageDaysReadyForDischarge,
                m.Measures.SameDayDischargeShare * 100, m.Measures.PaymentResponsibilityCost]).ToList());
    }

    private static void Units(StringBuilder html, StatisticsReport figures)
    {
        html.Append("<h2 style=\"font-size:16px\">Kvittenser per enhetstyp</h2>");
        Table(html, ["Enhetstyp", "Aviseringar", "Median", "90:e percentil", "Före påminnelse (%)", "Eskaleringar"],
            figures.Acknowledgements.Select(u => (object?[])[
                u.Name, u.Notified, Presentation.Html.Duration(u.MedianMinutes), Presentation.Html.Duration(u.P90Minutes),
                u.AcknowledgedBeforeReminderShare * 100, u.Escalations]).ToList());
    }

    private static void Table(StringBuilder html, IReadOnlyList<string> columns, IReadOnlyList<object?[]> rows)
    {
        html.Append("<table style=\"border-collapse:collapse;font-size:13px\"><tr>");
        foreach (var column in columns)
        {
            html.Append("<th style=\"").Append(Head).Append("\">").Append(Encode(column)).Append("</th>");
        }
        html.Append("</tr>");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            for (var i = 0; i < row.Length; i++)
            {
                html.Append("<td style=\"").Append(i == 0 ? Name : Cell).Append("\">").Append(Encode(Format(row[i]))).Append("</td>");
            }
            html.Append("</tr>");
        }
        html.Append("</table>");
    }

    private static string Format(object? value) => value switch
    {
        null => Presentation.Html.Missing,
        long l => Presentation.Html.Number(l),
        double d => d.ToString("N1", SwedishCalendar.Swedish),
        decimal m => Presentation.Html.Kronor(m),
        _ => value.ToString() ?? string.Empty,
    };

    private static string Encode(string text) => Presentation.Html.Encode(text);
}
