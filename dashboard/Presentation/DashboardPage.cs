using System.Text;
using Dashboard.Statistics;

namespace Dashboard.Presentation;

/// <summary>The dashboard page and the print report: the same sections, the report without controls.</summary>
internal static class DashboardPage
{
    public const string Title = "Uppföljning – utskrivning från slutenvård";

    public static string RenderBody(StatisticsReport report, StatisticsFilter filter, FilterChoices? choices, bool printMode)
    {
        var query = filter.ToQueryString();
        var html = new StringBuilder();
        html.Append("<header><h1>").Append(Html.Encode(Title)).Append("</h1>");
        html.Append("<p class=\"lead\">Samverkan vid utskrivning enligt lag (2017:612). Period ")
            .Append(Html.Date(filter.From)).Append(" – ").Append(Html.Date(filter.To)).Append(". ")
            .Append(Html.Encode(Describe(filter, choices))).Append("</p>");
        if (printMode)
        {
            html.Append("<p class=\"note no-print\"><a href=\"/dashboard").Append(Html.Encode(query)).Append("\">Tillbaka till översikten</a> · Skriv ut med webbläsarens utskriftsfunktion (Ctrl+P).</p>");
        }
        else
        {
            html.Append("<p class=\"no-print\"><a href=\"/dashboard/rapport").Append(Html.Encode(query)).Append("\">Utskriftsvänlig rapport</a> · <a href=\"/api/statistics")
                .Append(Html.Encode(query)).Append("\">JSON</a> · <a href=\"/dashboard/export/sammanfattning.xlsx").Append(Html.Encode(query)).Append("\">Sammanfattning (.xlsx)</a> · ")
                .Append(ReportsLink).Append("</p>");
        }
        html.Append("</header>");
        if (!printMode && choices is not null)
        {
            html.Append(FilterForm.Render(FilterFormValues.Of(filter), choices));
        }
        html.Append(KeyFigures.Render(report));
        html.Append(KeyFigures.RenderNow(report.Now));
        html.Append(BeforeAfterSection.Render(report, query, printMode));
        html.Append(ChartSections.Render(report, query, printMode));
        html.Append("<footer><p class=\"note\">Inga personuppgifter visas: statistiken bygger på avslutade överföringar där patienten bara finns som nyckelkodad pseudonym. ")
            .Append("Definitionerna står vid varje mått, under <a href=\"#h-key\">Nyckeltal för perioden</a> och vid varje diagram.</p></footer>");
        return html.ToString();
    }

    /// <summary>A refused filter: the page's header and form as the user filled it in, each error beside its field, no figures.</summary>
    public static string RenderRefused(FilterFormValues values, IReadOnlyDictionary<string, string[]> errors, FilterChoices choices, string action)
    {
        var html = new StringBuilder("<header><h1>").Append(Html.Encode(Title)).Append("</h1>");
        html.Append("<p class=\"no-print\"><a href=\"/dashboard\">Börja om med standardfiltret</a> · ").Append(ReportsLink).Append("</p></header>");
        html.Append(FilterForm.ErrorSummary(errors));
        html.Append(FilterForm.Render(values, choices, errors, action));
        return html.ToString();
    }

    private const string ReportsLink = "<a href=\"/dashboard/rapporter\">Månadsrapporter</a>";

    private static string Describe(StatisticsFilter filter, FilterChoices? choices)
    {
        var parts = new List<string>
        {
            filter.Municipality is { } m ? $"Kommun: {MunicipalityNames.NameOf(m)} ({m})" : "Alla kommuner",
            filter.Ward is { } w ? $"Avdelning: {choices?.Wards.FirstOrDefault(x => x.HsaId == w).Name ?? w}" : "alla avdelningar",
            filter.CareType is { } c ? CareTypes.SwedishNames[c].ToLowerInvariant() : "somatisk och psykiatrisk vård",
        };
        if (filter.NeedsMask != 0)
        {
            parts.Add("behov: " + string.Join(", ", NeedFlags.SwedishNames.Where((_, i) => (filter.NeedsMask & (1 << i)) != 0)).ToLowerInvariant());
        }
        return string.Join(", ", parts) + ".";
    }
}
