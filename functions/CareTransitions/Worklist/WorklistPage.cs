using System.Globalization;
using System.Text;
using CareTransitions.AccessLogging;
using CareTransitions.Pages;
using CareTransitions.SignIn;
using static CareTransitions.Worklist.WorklistText;

namespace CareTransitions.Worklist;

/// <summary>
/// The coordinators' work list (<c>/samordning</c>): Swedish, phone first, readable without JavaScript, WCAG 2.1 AA. With
/// JavaScript the list refreshes itself every minute (<see cref="WorklistRefreshScript"/>) and a button pauses it (WCAG
/// 2.2.1); without it the page says to reload.
/// </summary>
internal static class WorklistPage
{
    /// <summary>Rows on the page; the CSV has them all.</summary>
    public const int PageRows = 200;

    public static string Render(
        StaffMember person, string signOutPath, WorklistFilter filter, IReadOnlyList<(string Field, string Message)> problems,
        IReadOnlyList<WorklistRow>? rows, DateTimeOffset now)
    {
        var body = new StringBuilder();
        Header(body, person, signOutPath);
        body.Append("<main><h1>Samordning: öppna vårdövergångar</h1>");
        body.Append("<p class=\"lead\">Vårdövergångar för dina enheter: din avdelnings egna och de som gått till enheter i din kommun. Försenade först. Öppna en referens för att skicka länken igen, registrera en kvittens som kom per telefon eller göra avbrott.</p>");
        body.Append(CultureInfo.InvariantCulture, $"<div class=\"refresh\"><p id=\"uppdaterad\" data-refresh-seconds=\"{WorklistRefreshScript.Seconds}\">Uppdaterad {Time(now)}. ");
        body.Append(CultureInfo.InvariantCulture, $"Listan uppdateras av sig själv varje minut när JavaScript är på; du kan pausa det. Utan JavaScript: ladda om sidan.</p>");
        body.Append("<button type=\"button\" id=\"paus\" class=\"secondary\" aria-pressed=\"false\" hidden>Pausa automatisk uppdatering</button></div>");
        if (problems.Count > 0)
        {
            body.Append("<div class=\"error\" role=\"alert\"><h2 id=\"fel\">Listan kunde inte visas</h2><ul>");
            foreach (var (field, message) in problems)
            {
                body.Append(CultureInfo.InvariantCulture, $"<li id=\"fel-{field}\"><a href=\"#{field}\">{StaffPage.Encode(message)}</a></li>");
            }
            body.Append("</ul></div>");
        }
        AppendForm(body, filter, problems);
        body.Append("<div id=\"lista\">");
        if (rows is not null)
        {
            AppendList(body, rows);
        }
        body.Append("</div></main>");
        body.Append(CultureInfo.InvariantCulture, $"<script src=\"{WorklistEndpoints.ScriptPath}\"></script>");
        return Layout(problems.Count > 0 ? "Fel i filtret – Samordning" : "Samordning", body.ToString());
    }

    /// <summary>A page with one message instead of the list (e.g. a session without an HSA-id).</summary>
    public static string Message(string signOutPath, string title, string text) =>
        Layout(title, $"<main><h1>{StaffPage.Encode(title)}</h1><p>{StaffPage.Encode(text)}</p><p><a href=\"{WorklistEndpoints.PagePath}\">Till listan</a> · <a href=\"{StaffPage.Encode(signOutPath)}\">Logga ut</a></p></main>");

    internal static void Header(StringBuilder body, StaffMember person, string signOutPath) => body.Append(CultureInfo.InvariantCulture,
        $"<header><p>Inloggad som {StaffPage.Encode(person.Name)} ({StaffPage.Encode(person.HsaId)}) · <a href=\"{AccessLogEndpoints.PagePath}\">Åtkomstlogg</a> · <a href=\"{StaffPage.Encode(signOutPath)}\">Logga ut</a></p></header>");

    internal static string Layout(string title, string body) => StaffPage.Document(title, AccessLogPage.Styles + Styles, body);

    private static void AppendForm(StringBuilder body, WorklistFilter filter, IReadOnlyList<(string Field, string Message)> problems)
    {
        body.Append(CultureInfo.InvariantCulture, $"<form method=\"get\" action=\"{WorklistEndpoints.PagePath}\" class=\"filters\" aria-labelledby=\"filtrera\"><h2 id=\"filtrera\">Filtrera och sortera</h2>");
        Select(body, "lage", "Läge", filter.Situation, WorklistFilter.Situations, problems);
        Select(body, "fas", "Fas", filter.Phase, WorklistFilter.Phases.Select(p => (p.Value, p.Label)), problems);
        Select(body, "sortera", "Sortering", filter.Sort, WorklistFilter.Sorts, problems);
        body.Append(CultureInfo.InvariantCulture,
            $"<div class=\"field\"><label for=\"sok\">Referens eller id</label><span class=\"hint\" id=\"sok-tips\">T.ex. VÖ-7KQ2 eller en del av den</span>"
            + $"<input type=\"search\" id=\"sok\" name=\"sok\" value=\"{StaffPage.Encode(filter.Search)}\" autocomplete=\"off\" aria-describedby=\"sok-tips\"></div>");
        body.Append("<div class=\"actions\"><button type=\"submit\">Visa</button>");
        body.Append(CultureInfo.InvariantCulture, $"<button type=\"submit\" class=\"secondary\" formaction=\"{WorklistEndpoints.CsvPath}\">Exportera CSV</button></div></form>");
    }

    private static void Select(StringBuilder body, string field, string label, string value, IEnumerable<(string Value, string Label)> options, IReadOnlyList<(string Field, string Message)> problems)
    {
        var invalid = problems.Any(p => p.Field == field);
        body.Append(CultureInfo.InvariantCulture, $"<div class=\"field\"><label for=\"{field}\">{label}</label><select id=\"{field}\" name=\"{field}\"{(invalid ? $" aria-invalid=\"true\" aria-describedby=\"fel-{field}\"" : "")}>");
        foreach (var (optionValue, optionLabel) in options)
        {
            body.Append(CultureInfo.InvariantCulture, $"<option value=\"{optionValue}\"{(optionValue == value ? " selected" : "")}>{optionLabel}</option>");
        }
        body.Append("</select></div>");
    }

    private static void AppendList(StringBuilder body, IReadOnlyList<WorklistRow> rows)
    {
        var overdue = rows.Count(r => r.Urgency == Urgency.Overdue);
        body.Append("<h2 id=\"oppna\">Öppna vårdövergångar</h2>");
        body.Append(CultureInfo.InvariantCulture, $"<p class=\"note\" id=\"antal\">{rows.Count} {(rows.Count == 1 ? "vårdövergång" : "vårdövergångar")}, varav {overdue} försenade.");
        if (rows.Count > PageRows)
        {
            body.Append(CultureInfo.InvariantCulture, $" Visar de {PageRows} första; filtrera, eller exportera alla som CSV.");
        }
        body.Append("</p>");
        if (rows.Count == 0)
        {
            return;
        }
        body.Append("<div class=\"table-wrap\" role=\"region\" aria-labelledby=\"oppna\" tabindex=\"0\"><table><caption>Öppna vårdövergångar i den valda ordningen (svensk tid)</caption><thead><tr>");
        foreach (var header in new[] { "Referens", "Läge", "Avdelning och kommun", "Fas", "Enheter", "Tidsfrister" })
        {
            body.Append(CultureInfo.InvariantCulture, $"<th scope=\"col\">{header}</th>");
        }
        body.Append("</tr></thead><tbody>");
        foreach (var row in rows.Take(PageRows))
        {
            var s = row.Status;
            body.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\"><a href=\"{StaffPage.Encode(WorklistEndpoints.TransitionPath(row.Id))}\">{StaffPage.Encode(row.Reference)}</a></th>");
            body.Append(CultureInfo.InvariantCulture, $"<td><span class=\"lage lage-{row.Urgency.ToString().ToLowerInvariant()}\">{Urgency(row.Urgency)}</span></td>");
            body.Append(CultureInfo.InvariantCulture, $"<td>{StaffPage.Encode(s.Ward?.Name ?? "–")}<br>kommun {StaffPage.Encode(s.MunicipalityCode ?? "–")}</td><td>{StaffPage.Encode(Phase(s.Phase))}</td>");
            body.Append("<td><ul>");
            foreach (var unit in s.Units)
            {
                body.Append(CultureInfo.InvariantCulture, $"<li>{StaffPage.Encode(Unit(unit))}</li>");
            }
            body.Append("</ul></td><td><ul>");
            foreach (var d in row.Deadlines)
            {
                body.Append(CultureInfo.InvariantCulture, $"<li><span class=\"lage lage-{d.Urgency.ToString().ToLowerInvariant()}\">{Urgency(d.Urgency)}</span> {StaffPage.Encode(d.Label)}: {StaffPage.Encode(d.Text)}</li>");
            }
            body.Append("</ul></td></tr>");
        }
        body.Append("</tbody></table></div>");
    }

    // The state is in words, never only in colour (WCAG 1.4.1); the colours keep 4.5:1 against white. The sort's long
    // option labels would widen a select, and with it the grid column, past a 390 px phone: let both shrink.
    private const string Styles = """
        form.filters > * { min-width: 0; }
        form.filters select { max-width: 100%; }
        .refresh { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin: .5rem 0; }
        .refresh p { margin: 0; color: var(--muted); }
        td ul { margin: 0; padding-left: 1rem; }
        .lage { font-weight: 600; }
        .lage-overdue { color: #a40e26; }
        .lage-soon { color: #7d4e00; }
        .lage-ontrack, .lage-met { color: #1a7f37; }
        .notice { border: 2px solid #1a7f37; padding: .5rem .75rem; margin: 1rem 0; }
        fieldset { border: 1px solid var(--line); padding: .75rem; margin: 0 0 1rem; }
        legend { font-weight: 600; }
        """;
}
