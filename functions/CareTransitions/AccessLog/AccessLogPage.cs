using System.Globalization;
using System.Text;
using CareTransitions.Pages;
using CareTransitions.SignIn;
using CareTransitions.Workflow;

namespace CareTransitions.AccessLogging;

/// <summary>The coordinators' access-log page (åtkomstlogg): Swedish, phone first, readable without JavaScript, WCAG 2.1 AA.</summary>
internal static class AccessLogPage
{
    private static readonly (string Field, string Label, string Hint, string Type)[] Fields =
    [
        ("person", "Personens HSA-id", "T.ex. SE2321000131-P000000000001", "text"),
        ("overgang", "Referens eller övergångens id", "T.ex. VÖ-7KQ2", "text"),
        ("fran", "Från och med", "ÅÅÅÅ-MM-DD", "date"),
        ("till", "Till och med", "ÅÅÅÅ-MM-DD", "date"),
    ];

    /// <param name="rows">Null when the filter had problems and nothing was searched.</param>
    public static string Render(StaffMember? person, string signOutPath, AccessLogFilter filter, IReadOnlyList<(string Field, string Message)> problems, IReadOnlyList<AccessLogRecord>? rows, bool cut)
    {
        var body = new StringBuilder();
        body.Append("<header><p>");
        if (person is not null)
        {
            body.Append(CultureInfo.InvariantCulture, $"Inloggad som {StaffPage.Encode(person.Name)} ({StaffPage.Encode(person.HsaId)}) · ");
        }
        body.Append(CultureInfo.InvariantCulture, $"<a href=\"{StaffPage.Encode(signOutPath)}\">Logga ut</a></p></header>");
        body.Append("<main><h1>Åtkomstlogg</h1>");
        body.Append("<p class=\"lead\">Vem som har sett eller nekats patientuppgifter i överlämningen, och när (patientdatalagen 4 kap.). Varje sökning och export här loggas också, med ditt namn.</p>");
        if (problems.Count > 0)
        {
            body.Append("<div class=\"error\" role=\"alert\"><h2 id=\"fel\">Sökningen kunde inte göras</h2><ul>");
            foreach (var (field, message) in problems)
            {
                body.Append(CultureInfo.InvariantCulture, $"<li id=\"fel-{field}\"><a href=\"#{field}\">{StaffPage.Encode(message)}</a></li>");
            }
            body.Append("</ul></div>");
        }
        AppendForm(body, filter, problems);
        if (rows is not null)
        {
            AppendResults(body, rows, cut);
        }
        body.Append("</main>");
        return Layout(problems.Count > 0 ? "Fel i sökningen – Åtkomstlogg" : "Åtkomstlogg", body.ToString());
    }

    /// <summary>A page with one message instead of the search (e.g. a session without an HSA-id).</summary>
    public static string Message(string signOutPath, string title, string text) =>
        Layout(title, $"<main><h1>{StaffPage.Encode(title)}</h1><p>{StaffPage.Encode(text)}</p><p><a href=\"{StaffPage.Encode(signOutPath)}\">Logga ut</a></p></main>");

    private static void AppendForm(StringBuilder body, AccessLogFilter filter, IReadOnlyList<(string Field, string Message)> problems)
    {
        var values = new Dictionary<string, string> { ["person"] = filter.Person, ["overgang"] = filter.Transition, ["fran"] = filter.From, ["till"] = filter.To };
        body.Append(CultureInfo.InvariantCulture, $"<form method=\"get\" action=\"{AccessLogEndpoints.PagePath}\" class=\"filters\" aria-labelledby=\"sok\"><h2 id=\"sok\">Sök i loggen</h2>");
        foreach (var (field, label, hint, type) in Fields)
        {
            var invalid = problems.Any(p => p.Field == field);
            body.Append(CultureInfo.InvariantCulture,
                $"<div class=\"field\"><label for=\"{field}\">{label}</label><span class=\"hint\" id=\"{field}-tips\">{hint}</span>"
                + $"<input type=\"{type}\" id=\"{field}\" name=\"{field}\" value=\"{StaffPage.Encode(values[field])}\" autocomplete=\"off\""
                + $" aria-describedby=\"{field}-tips{(invalid ? $" fel-{field}" : "")}\"{(invalid ? " aria-invalid=\"true\"" : "")}></div>");
        }
        var outcomeInvalid = problems.Any(p => p.Field == "utfall");
        body.Append(CultureInfo.InvariantCulture, $"<div class=\"field\"><label for=\"utfall\">Utfall</label><select id=\"utfall\" name=\"utfall\"{(outcomeInvalid ? " aria-invalid=\"true\" aria-describedby=\"fel-utfall\"" : "")}><option value=\"\">Alla</option>");
        foreach (var outcome in AccessOutcomes.All.Select(AccessOutcomes.Text))
        {
            body.Append(CultureInfo.InvariantCulture, $"<option{(filter.Outcome == outcome ? " selected" : "")}>{outcome}</option>");
        }
        body.Append("</select></div><div class=\"actions\"><button type=\"submit\">Sök</button>");
        body.Append(CultureInfo.InvariantCulture, $"<button type=\"submit\" class=\"secondary\" formaction=\"{AccessLogEndpoints.CsvPath}\">Exportera CSV</button></div></form>");
    }

    private static void AppendResults(StringBuilder body, IReadOnlyList<AccessLogRecord> rows, bool cut)
    {
        body.Append("<h2 id=\"traffar\">Träffar</h2>");
        if (cut)
        {
            body.Append(CultureInfo.InvariantCulture, $"<p class=\"note\" id=\"avkortat\">Visar de {rows.Count} senaste träffarna; det finns fler. Begränsa sökningen, eller exportera den som CSV.</p>");
        }
        else
        {
            body.Append(CultureInfo.InvariantCulture, $"<p class=\"note\">{rows.Count} {(rows.Count == 1 ? "träff" : "träffar")}, nyast först.</p>");
        }
        if (rows.Count == 0)
        {
            return;
        }
        body.Append("<div class=\"table-wrap\" role=\"region\" aria-labelledby=\"traffar\" tabindex=\"0\"><table><caption>Åtkomster, nyast först (svensk tid)</caption><thead><tr>");
        foreach (var header in AccessLogCsv.Headers)
        {
            body.Append(CultureInfo.InvariantCulture, $"<th scope=\"col\">{header}</th>");
        }
        body.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            body.Append("<tr>");
            foreach (var cell in AccessLogCsv.Cells(row))
            {
                body.Append(CultureInfo.InvariantCulture, $"<td>{StaffPage.Encode(cell)}</td>");
            }
            body.Append("</tr>");
        }
        body.Append("</tbody></table></div>");
    }

    private static string Layout(string title, string body) => StaffPage.Document(title, Styles, body);

    // Phone first: one column of fields, the table scrolls inside its own focusable region; wider screens get a grid.
    internal const string Styles = """
        :root { --ink: #1b1f23; --muted: #57606a; --accent: #0b5cad; --line: #d0d7de; --error: #a40e26; }
        * { box-sizing: border-box; }
        body { font-family: system-ui, "Segoe UI", Arial, sans-serif; color: var(--ink); background: #fff; margin: 0; line-height: 1.5; }
        header, main { max-width: 75rem; margin: 0 auto; padding: .5rem 1rem; }
        header p { margin: 0; font-size: .9rem; color: var(--muted); }
        h1 { font-size: 1.6rem; margin: .5rem 0; } h2 { font-size: 1.2rem; margin: 1.25rem 0 .5rem; }
        .lead, .note, .hint { color: var(--muted); }
        .hint { font-size: .85rem; }
        a { color: var(--accent); }
        form.filters { display: grid; grid-template-columns: 1fr; gap: .75rem; padding: .75rem; background: #f6f8fa; border: 1px solid var(--line); }
        form.filters h2 { margin: 0; }
        .field { display: flex; flex-direction: column; gap: .15rem; }
        label { font-weight: 600; }
        input, select, button { font: inherit; min-height: 2.75rem; padding: .4rem .6rem; border: 1px solid #6e7781; border-radius: 4px; background: #fff; color: var(--ink); }
        input[aria-invalid="true"], select[aria-invalid="true"] { border: 2px solid var(--error); }
        .actions { display: flex; flex-wrap: wrap; gap: .5rem; }
        button { background: var(--accent); color: #fff; border-color: var(--accent); cursor: pointer; padding: .4rem 1.1rem; }
        button.secondary { background: #fff; color: var(--accent); }
        :focus-visible { outline: 3px solid #1b1f23; outline-offset: 2px; }
        .error { border: 2px solid var(--error); padding: .5rem .75rem; margin: 1rem 0; }
        .error h2 { color: var(--error); margin-top: 0; }
        .error a { color: var(--error); }
        .table-wrap { overflow-x: auto; border: 1px solid var(--line); }
        table { border-collapse: collapse; font-size: .9rem; min-width: 56rem; width: 100%; }
        caption { text-align: left; padding: .4rem .5rem; color: var(--muted); }
        th, td { border-top: 1px solid var(--line); padding: .35rem .5rem; text-align: left; vertical-align: top; }
        th { background: #f6f8fa; }
        @media (min-width: 48rem) {
          form.filters { grid-template-columns: repeat(3, 1fr); align-items: end; }
          form.filters h2, .actions { grid-column: 1 / -1; }
        }
        """;
}
