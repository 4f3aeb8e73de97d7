using System.Text;
using Dashboard.Statistics;

namespace Dashboard.Presentation;

/// <summary>The filter form: a plain GET form, so the page works without JavaScript and every view has a URL.</summary>
internal static class FilterForm
{
    public static string Render(StatisticsFilter filter, FilterChoices choices)
    {
        var html = new StringBuilder("""<form class="filters" method="get" action="/dashboard" aria-label="Filter">""");
        html.Append($"""<label>Från<input type="date" name="from" value="{Html.Iso(filter.From)}" required></label>""");
        html.Append($"""<label>Till<input type="date" name="to" value="{Html.Iso(filter.To)}" required></label>""");
        Select(html, "municipality", "Kommun", "Alla kommuner", choices.Municipalities, filter.Municipality);
        Select(html, "ward", "Avdelning", "Alla avdelningar", choices.Wards, filter.Ward);
        Select(html, "careType", "Vårdform", "Båda",
            CareTypes.Names.Zip(CareTypes.SwedishNames).ToList(), filter.CareType is { } c ? CareTypes.Names[c] : null);
        html.Append("<fieldset><legend>Behov</legend>");
        for (var i = 0; i < NeedFlags.Names.Length; i++)
        {
            var on = (filter.NeedsMask & (1 << i)) != 0 ? " checked" : string.Empty;
            html.Append($"""<label style="flex-direction:row;gap:.3rem"><input type="checkbox" name="needs" value="{NeedFlags.Names[i]}"{on}>{Html.Encode(NeedFlags.SwedishNames[i])}</label>""");
        }
        html.Append("</fieldset>");
        var compare = filter.CompareDate is { } d ? Html.Iso(d) : string.Empty;
        html.Append($"""<label>Jämför före/efter<input type="date" name="compareDate" value="{compare}"></label>""");
        html.Append("""<button type="submit">Visa</button></form>""");
        return html.ToString();
    }

    private static void Select(StringBuilder html, string name, string label, string all, IReadOnlyList<(string Value, string Text)> options, string? selected)
    {
        html.Append($"""<label>{Html.Encode(label)}<select name="{name}"><option value="">{Html.Encode(all)}</option>""");
        foreach (var (value, text) in options)
        {
            var on = value == selected ? " selected" : string.Empty;
            html.Append($"""<option value="{Html.Encode(value)}"{on}>{Html.Encode(text)}</option>""");
        }
        html.Append("</select></label>");
    }
}
