using Dashboard.Statistics;

namespace Dashboard.Presentation;

/// <summary>One key figure as the page, the email and the .xlsx show it.</summary>
/// <param name="Id">The card's HTML id.</param>
/// <param name="Name">The measure's Swedish name.</param>
/// <param name="Value">The figure as a number for a spreadsheet (a share in percent), or null for "uppgift saknas".</param>
/// <param name="Display">The figure as a person reads it ("41,5 %", "62 012 400 kr").</param>
/// <param name="Detail">What it is made of ("1 245 av 3 000"), if anything.</param>
/// <param name="Definition">How it is counted, in the words of docs/dashboard.md.</param>
internal sealed record KeyFigure(string Id, string Name, object? Value, string Display, string? Detail, string Definition);

/// <summary>The key figures of a period, in the order every view shows them.</summary>
internal static class KeyFigureList
{
    public static IReadOnlyList<KeyFigure> Of(StatisticsReport report)
    {
        var p = report.Period;
        var escalations = report.Acknowledgements.Sum(a => a.Escalations);
        var acknowledged = report.Acknowledgements.Sum(a => a.Acknowledged);
        var byPhone = report.Acknowledgements.Sum(a => a.AcknowledgedByPhone);
        double? byPhoneShare = acknowledged == 0 ? null : (double)byPhone / acknowledged;
        return
        [
            new("kpi-episodes", "Utskrivningsklara vårdtillfällen", p.ReadyForDischarge, Html.Number(p.ReadyForDischarge),
                $"av {Html.Number(p.Episodes)} avslutade vårdtillfällen", MeasureDefinitions.Episodes),
            new("kpi-average", "Medelantal dagar som utskrivningsklar", Round(p.AverageDaysReadyForDischarge, 2), Html.Decimal(p.AverageDaysReadyForDischarge, 2),
                null, MeasureDefinitions.AverageDays),
            new("kpi-total-days", "Dagar som utskrivningsklar, totalt", p.DaysReadyForDischarge, Html.Number(p.DaysReadyForDischarge),
                null, MeasureDefinitions.TotalDays),
            new("kpi-same-day", "Utskrivna samma dag (dag 0)", Percent(p.SameDayDischargeShare), Html.Percent(p.SameDayDischargeShare),
                $"{Html.Number(p.DischargedSameDay)} av {Html.Number(p.DischargedAfterReady)}", MeasureDefinitions.SameDay),
            new("kpi-payment", "Betalningsansvar", p.PaymentResponsibilityCost, Html.Kronor(p.PaymentResponsibilityCost),
                $"{Html.Number(p.PaymentResponsibilityDays)} dagar", MeasureDefinitions.Payment),
            new("kpi-notice", "Inskrivningsmeddelande inom 24 timmar", Percent(p.AdmissionNoticesWithin24hShare), Html.Percent(p.AdmissionNoticesWithin24hShare),
                $"{Html.Number(p.AdmissionNoticesWithin24h)} av {Html.Number(p.AdmissionNotices)}", MeasureDefinitions.AdmissionNotice),
            new("kpi-sip", "SIP kallad inom 3 dygn", Percent(p.SipCalledWithin3DaysShare), Html.Percent(p.SipCalledWithin3DaysShare),
                $"{Html.Number(p.SipCalledWithin3Days)} av {Html.Number(p.SipRequired)}", MeasureDefinitions.Sip),
            new("kpi-readmission", "Återinskrivning inom 30 dagar", Percent(p.ReadmissionShare), Html.Percent(p.ReadmissionShare),
                $"{Html.Number(p.ReadmittedWithin30Days)} av {Html.Number(p.Discharged)} utskrivningar", MeasureDefinitions.Readmission),
            new("kpi-escalations", "Eskaleringar", escalations, Html.Number(escalations), null, MeasureDefinitions.Escalations),
            new("kpi-phone", "Kvitterade via telefon", Percent(byPhoneShare), Html.Percent(byPhoneShare),
                $"{Html.Number(byPhone)} av {Html.Number(acknowledged)} kvittenser", MeasureDefinitions.ByPhone),
            new("kpi-withdrawals", "Vårdtillfällen med avbrott", p.EpisodesWithWithdrawal, Html.Number(p.EpisodesWithWithdrawal),
                $"{Html.Number(p.Withdrawals)} avbrott", MeasureDefinitions.Withdrawals),
        ];
    }

    // Shares in percent with one decimal, as in the exported tables.
    private static object? Percent(double? share) => share is { } s ? Math.Round(s * 100, 1) : null;

    private static object? Round(double? value, int decimals) => value is { } v ? Math.Round(v, decimals) : null;
}
