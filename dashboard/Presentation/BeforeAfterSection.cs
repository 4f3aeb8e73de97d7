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
        var (before, after) = (c.BeforePeriod, c.AfterPeriod);
        html.Append("<p>Före: ").Append(Html.Encode(Period(before))).Append(". Efter: ").Append(Html.Encode(Period(after))).Append(".</p>");
        html.Append(TableHtml.ScrollRegion("h-compare"));
        html.Append("<table id=\"compare-summary\"><thead><tr><th scope=\"col\">Mått</th><th scope=\"col\">Före</th><th scope=\"col\">Efter</th></tr></thead><tbody>");
        Row(html, "Period", $"{Html.Date(before.From)} – {Html.Date(before.To)}", $"{Html.Date(after.From)} – {Html.Date(after.To)}");
        Row(html, "Antal dagar", Html.Number(before.Days), Html.Number(after.Days));
        Row(html, "Utskrivningsklara vårdtillfällen per 30 dagar", Html.Decimal(before.ReadyForDischargePer30Days), Html.Decimal(after.ReadyForDischargePer30Days));
        Row(html, "Dagar som utskrivningsklar per 30 dagar", Html.Decimal(before.DaysReadyForDischargePer30Days), Html.Decimal(after.DaysReadyForDischargePer30Days));
        Row(html, "Betalningsansvarsdagar per 30 dagar", Html.Decimal(before.PaymentResponsibilityDaysPer30Days), Html.Decimal(after.PaymentResponsibilityDaysPer30Days));
        Row(html, "Kostnad för betalningsansvar per 30 dagar", Html.Kronor(before.PaymentResponsibilityCostPer30Days), Html.Kronor(after.PaymentResponsibilityCostPer30Days));
        Row(html, "Betalningsansvarsdagar per utskrivningsklart vårdtillfälle", Html.Decimal(before.PaymentResponsibilityDaysPerReadyEpisode, 2), Html.Decimal(after.PaymentResponsibilityDaysPerReadyEpisode, 2));
        Row(html, "Kostnad för betalningsansvar per utskrivningsklart vårdtillfälle", Kronor(before.PaymentResponsibilityCostPerReadyEpisode), Kronor(after.PaymentResponsibilityCostPerReadyEpisode));
        Row(html, "Medelantal dagar som utskrivningsklar", Html.Decimal(c.Before.AverageDaysReadyForDischarge, 2), Html.Decimal(c.After.AverageDaysReadyForDischarge, 2));
        Row(html, "Utskrivna samma dag", Html.Percent(c.Before.SameDayDischargeShare), Html.Percent(c.After.SameDayDischargeShare));
        Row(html, "Inskrivningsmeddelande inom 24 h", Html.Percent(c.Before.AdmissionNoticesWithin24hShare), Html.Percent(c.After.AdmissionNoticesWithin24hShare));
        Row(html, "SIP kallad inom 3 dygn", Html.Percent(c.Before.SipCalledWithin3DaysShare), Html.Percent(c.After.SipCalledWithin3DaysShare));
        Row(html, "Återinskrivning inom 30 dagar", Html.Percent(c.Before.ReadmissionShare), Html.Percent(c.After.ReadmissionShare));
        foreach (var (b, a) in c.AcknowledgementsBefore.Zip(c.AcknowledgementsAfter))
        {
            Row(html, $"Median kvittenstid, {b.Name}", Html.Duration(b.MedianMinutes), Html.Duration(a.MedianMinutes));
        }
        Row(html, "Underlag: utskrivningsklara vårdtillfällen under hela perioden", Html.Number(c.Before.ReadyForDischarge), Html.Number(c.After.ReadyForDischarge));
        html.Append("</tbody></table>");
        html.Append("</div>");
        html.Append("<p class=\"note\" id=\"compare-definition\">").Append(Html.Encode(MeasureDefinitions.Comparison)).Append("</p>");
        if (!printMode)
        {
            html.Append(TableHtml.ExportLinks("fore-efter", query));
        }
        return html.Append("</section>").ToString();
    }

    private static string Period(ComparisonSide side) =>
        $"{Html.Date(side.From)} – {Html.Date(side.To)} ({Html.Number(side.Days)} dagar)";

    private static string Kronor(decimal? value) => value is { } v ? Html.Kronor(v) : Html.Missing;

    private static void Row(StringBuilder html, string name, string before, string after) =>
        html.Append("<tr><th scope=\"row\">").Append(Html.Encode(name)).Append("</th><td>").Append(Html.Encode(before))
            .Append("</td><td>").Append(Html.Encode(after)).Append("</td></tr>");
}
