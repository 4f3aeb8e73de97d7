using System.Text;
using Dashboard.Exports;
using Dashboard.Statistics;

namespace Dashboard.Presentation;

/// <summary>Before/after a chosen date: the question the steering group asks about a new way of working.</summary>
internal static class BeforeAfterSection
{
    public static string Render(StatisticsReport report, string query, bool printMode)
    {
        var html = new StringBuilder("""<section aria-labelledby="h-compare"><h2 id="h-compare">Före och efter</h2>""");
        if (report.Comparison is not { } c)
        {
            html.Append("<p class=\"note\">Välj ett jämförelsedatum i filtret (t.ex. dagen då ett nytt arbetssätt infördes) för att jämföra perioden före med perioden från och med det datumet.</p>");
            return html.Append("</section>").ToString();
        }
        html.Append("<p>Före: ").Append(Html.Date(report.Filter.From)).Append(" – ").Append(Html.Date(c.Date.AddDays(-1)))
            .Append(". Efter: ").Append(Html.Date(c.Date)).Append(" – ").Append(Html.Date(report.Filter.To)).Append(".</p>");
        html.Append(TableHtml.ScrollRegion("h-compare"));
        html.Append("<table id=\"compare-summary\"><thead><tr><th scope=\"col\">Mått</th><th scope=\"col\">Före</th><th scope=\"col\">Efter</th></tr></thead><tbody>");
        Row(html, "Utskrivningsklara vårdtillfällen", Html.Number(c.Before.ReadyForDischarge), Html.Number(c.After.ReadyForDischarge));
        Row(html, "Medelantal dagar som utskrivningsklar", Html.Decimal(c.Before.AverageDaysReadyForDischarge, 2), Html.Decimal(c.After.AverageDaysReadyForDischarge, 2));
        Row(html, "Utskrivna samma dag", Html.Percent(c.Before.SameDayDischargeShare), Html.Percent(c.After.SameDayDischargeShare));
        Row(html, "Betalningsansvarsdagar", Html.Number(c.Before.PaymentResponsibilityDays), Html.Number(c.After.PaymentResponsibilityDays));
        Row(html, "Kostnad för betalningsansvar", Html.Kronor(c.Before.PaymentResponsibilityCost), Html.Kronor(c.After.PaymentResponsibilityCost));
        Row(html, "Inskrivningsmeddelande inom 24 h", Html.Percent(c.Before.AdmissionNoticesWithin24hShare), Html.Percent(c.After.AdmissionNoticesWithin24hShare));
        Row(html, "SIP kallad inom 3 dygn", Html.Percent(c.Before.SipCalledWithin3DaysShare), Html.Percent(c.After.SipCalledWithin3DaysShare));
        Row(html, "Återinskrivning inom 30 dagar", Html.Percent(c.Before.ReadmissionShare), Html.Percent(c.After.ReadmissionShare));
        foreach (var (b, a) in c.AcknowledgementsBefore.Zip(c.AcknowledgementsAfter))
        {
            Row(html, $"Median kvittenstid, {b.Name}", Html.Duration(b.MedianMinutes), Html.Duration(a.MedianMinutes));
        }
        html.Append("</tbody></table>");
        html.Append("</div>");
        if (!printMode)
        {
            html.Append(TableHtml.ExportLinks("fore-efter", query));
        }
        return html.Append("</section>").ToString();
    }

    private static void Row(StringBuilder html, string name, string before, string after) =>
        html.Append("<tr><th scope=\"row\">").Append(Html.Encode(name)).Append("</th><td>").Append(Html.Encode(before))
            .Append("</td><td>").Append(Html.Encode(after)).Append("</td></tr>");
}
