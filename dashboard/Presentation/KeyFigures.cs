using System.Text;
using Dashboard.Statistics;

namespace Dashboard.Presentation;

/// <summary>The key figures as cards, each with its definition underneath.</summary>
internal static class KeyFigures
{
    public static string Render(StatisticsReport report)
    {
        var p = report.Period;
        var escalations = report.Acknowledgements.Sum(a => a.Escalations);
        var html = new StringBuilder("""<section aria-labelledby="h-key"><h2 id="h-key">Nyckeltal för perioden</h2>""");
        html.Append("<p class=\"note\">").Append(Html.Encode(MeasureDefinitions.Period)).Append("</p><div class=\"cards\">");
        Card(html, "kpi-episodes", "Utskrivningsklara vårdtillfällen", Html.Number(p.ReadyForDischarge),
            $"av {Html.Number(p.Episodes)} avslutade vårdtillfällen", MeasureDefinitions.Episodes);
        Card(html, "kpi-average", "Medelantal dagar som utskrivningsklar", Html.Decimal(p.AverageDaysReadyForDischarge, 2),
            null, MeasureDefinitions.AverageDays);
        Card(html, "kpi-total-days", "Dagar som utskrivningsklar, totalt", Html.Number(p.DaysReadyForDischarge),
            null, MeasureDefinitions.TotalDays);
        Card(html, "kpi-same-day", "Utskrivna samma dag (dag 0)", Html.Percent(p.SameDayDischargeShare),
            $"{Html.Number(p.DischargedSameDay)} av {Html.Number(p.DischargedAfterReady)}", MeasureDefinitions.SameDay);
        Card(html, "kpi-payment", "Betalningsansvar", Html.Kronor(p.PaymentResponsibilityCost),
            $"{Html.Number(p.PaymentResponsibilityDays)} dagar", MeasureDefinitions.Payment);
        Card(html, "kpi-notice", "Inskrivningsmeddelande inom 24 timmar", Html.Percent(p.AdmissionNoticesWithin24hShare),
            $"{Html.Number(p.AdmissionNoticesWithin24h)} av {Html.Number(p.AdmissionNotices)}", MeasureDefinitions.AdmissionNotice);
        Card(html, "kpi-sip", "SIP kallad inom 3 dygn", Html.Percent(p.SipCalledWithin3DaysShare),
            $"{Html.Number(p.SipCalledWithin3Days)} av {Html.Number(p.SipRequired)}", MeasureDefinitions.Sip);
        Card(html, "kpi-readmission", "Återinskrivning inom 30 dagar", Html.Percent(p.ReadmissionShare),
            $"{Html.Number(p.ReadmittedWithin30Days)} av {Html.Number(p.Discharged)} utskrivningar", MeasureDefinitions.Readmission);
        Card(html, "kpi-escalations", "Eskaleringar", Html.Number(escalations), null, MeasureDefinitions.Escalations);
        Card(html, "kpi-withdrawals", "Vårdtillfällen med avbrott", Html.Number(p.EpisodesWithWithdrawal),
            $"{Html.Number(p.Withdrawals)} avbrott", MeasureDefinitions.Withdrawals);
        return html.Append("</div></section>").ToString();
    }

    public static string RenderNow(NowMeasures? now)
    {
        var html = new StringBuilder("""<section aria-labelledby="h-now"><h2 id="h-now">Just nu</h2><div class="cards">""");
        string Value(int? v) => now is { Available: true } && v is { } n ? Html.Number(n) : Html.Missing;
        Card(html, "now-open", "Pågående överföringar", Value(now?.Open), null, null);
        Card(html, "now-waiting", "Väntar på kvittens", Value(now?.AwaitingAcknowledgement), null, null);
        Card(html, "now-overdue", "Försenade", Value(now?.Overdue), null, null);
        html.Append("</div><p class=\"note\">").Append(Html.Encode(MeasureDefinitions.Now)).Append("</p></section>");
        return html.ToString();
    }

    private static void Card(StringBuilder html, string id, string label, string value, string? detail, string? definition)
    {
        html.Append("<div class=\"card\" id=\"").Append(id).Append("\"><h3>").Append(Html.Encode(label))
            .Append("</h3><div class=\"value\">").Append(Html.Encode(value)).Append("</div>");
        if (detail is not null)
        {
            html.Append("<div>").Append(Html.Encode(detail)).Append("</div>");
        }
        if (definition is not null)
        {
            html.Append("<p class=\"definition\">").Append(Html.Encode(definition)).Append("</p>");
        }
        html.Append("</div>");
    }
}
