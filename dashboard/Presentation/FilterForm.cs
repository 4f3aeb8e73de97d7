using System.Text;
using Dashboard.Statistics;

namespace Dashboard.Presentation;

/// <summary>
/// The filter form: a plain GET form, so the page works without JavaScript and every view has a URL. A refused value
/// is marked on its own field (<c>aria-invalid</c>, the message beside it named by <c>aria-describedby</c>).
/// </summary>
internal static class FilterForm
{
    public static string Render(FilterFormValues values, FilterChoices choices, IReadOnlyDictionary<string, string[]>? errors = null, string action = "/dashboard")
    {
        errors ??= new Dictionary<string, string[]>();
        var html = new StringBuilder($"""<form class="filters" method="get" action="{Html.Encode(action)}" aria-label="Filter">""");
        Date(html, "from", "Från", values.From, required: true, errors);
        Date(html, "to", "Till", values.To, required: true, errors);
        Select(html, "municipality", "Kommun", "Alla kommuner", choices.Municipalities, values.Municipality, errors);
        Select(html, "ward", "Avdelning", "Alla avdelningar", choices.Wards, values.Ward, errors);
        Select(html, "careType", "Vårdform", "Båda", CareTypes.Names.Zip(CareTypes.SwedishNames).ToList(), values.CareType, errors);
        // A group takes no aria-invalid (ARIA 1.2); its message is named by aria-describedby.
        html.Append("<fieldset id=\"f-needs\"").Append(errors.ContainsKey("needs") ? " aria-describedby=\"e-needs\"" : string.Empty).Append("><legend>Behov</legend>");
        for (var i = 0; i < NeedFlags.Names.Length; i++)
        {
            var on = values.Needs.Contains(NeedFlags.Names[i], StringComparer.OrdinalIgnoreCase) ? " checked" : string.Empty;
            html.Append($"""<label class="check"><input type="checkbox" name="needs" value="{NeedFlags.Names[i]}"{on}>{Html.Encode(NeedFlags.SwedishNames[i])}</label>""");
        }
        html.Append(Message("needs", errors)).Append("</fieldset>");
        Date(html, "compareDate", "Jämförelsedatum (före/efter)", values.CompareDate ?? string.Empty, required: false, errors);
        html.Append("""<button type="submit">Visa</button></form>""");
        return html.ToString();
    }

    /// <summary>The refused values, each linked to its field, for the top of a page the form is on.</summary>
    public static string ErrorSummary(IReadOnlyDictionary<string, string[]> errors)
    {
        var html = new StringBuilder("""<div class="error" role="alert" id="filter-errors"><p><strong>Filtret kunde inte användas.</strong> Rätta det markerade och välj Visa.</p><ul>""");
        foreach (var (field, messages) in errors)
        {
            foreach (var message in messages)
            {
                html.Append($"""<li><a href="#f-{Html.Encode(field)}">{Html.Encode(message)}</a></li>""");
            }
        }
        return html.Append("</ul></div>").ToString();
    }

    private static void Date(StringBuilder html, string name, string label, string value, bool required, IReadOnlyDictionary<string, string[]> errors) =>
        // type=date cannot hold a mistyped value; a refused one comes back as text, as it was typed, to be corrected.
        html.Append($"""<div class="field"><label for="f-{name}">{Html.Encode(label)}<input id="f-{name}" type="{(errors.ContainsKey(name) ? "text" : "date")}" name="{name}" value="{Html.Encode(value)}"{(required ? " required" : string.Empty)}{Invalid(name, errors)}></label>{Message(name, errors)}</div>""");

    private static void Select(StringBuilder html, string name, string label, string all, IReadOnlyList<(string Value, string Text)> options, string? selected, IReadOnlyDictionary<string, string[]> errors)
    {
        html.Append($"""<div class="field"><label for="f-{name}">{Html.Encode(label)}<select id="f-{name}" name="{name}"{Invalid(name, errors)}><option value="">{Html.Encode(all)}</option>""");
        foreach (var (value, text) in options)
        {
            var on = string.Equals(value, selected, StringComparison.OrdinalIgnoreCase) ? " selected" : string.Empty;
            html.Append($"""<option value="{Html.Encode(value)}"{on}>{Html.Encode(text)}</option>""");
        }
        html.Append("</select></label>").Append(Message(name, errors)).Append("</div>");
    }

    private static string Invalid(string name, IReadOnlyDictionary<string, string[]> errors) =>
        errors.ContainsKey(name) ? $""" aria-invalid="true" aria-describedby="e-{name}" """.TrimEnd() : string.Empty;

    private static string Message(string name, IReadOnlyDictionary<string, string[]> errors) =>
        errors.TryGetValue(name, out var messages) ? $"""<span class="field-error" id="e-{name}">{Html.Encode(string.Join(" ", messages))}</span>""" : string.Empty;
}
