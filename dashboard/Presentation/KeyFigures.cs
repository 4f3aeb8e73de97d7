using System.Text;
using Dashboard.Statistics;

namespace Dashboard.Presentation;

/// <summary>The key figures as cards, each with its definition underneath.</summary>
internal static class KeyFigures
{
    public static string Render(StatisticsReport report)
    {
        var html = new StringBuilder("""<section aria-labelledby="h-key"><h2 id="h-key">Nyckeltal för perioden</h2>""");
        html.Append("<p class=\"note\">").Append(Html.Encode(MeasureDefinitions.Period)).Append("</p><div class=\"cards\">");
        foreach (var figure in KeyFigureList.Of(report))
        {
            Card(html, figure.Id, figure.Name, figure.Display, figure.Detail, figure.Definition);
        }
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
