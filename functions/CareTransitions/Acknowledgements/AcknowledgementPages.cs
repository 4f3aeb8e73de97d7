using System.Text;
using CareTransitions.Notifications;
using CareTransitions.Pages;
using CareTransitions.Workflow;

namespace CareTransitions.Acknowledgements;

/// <summary>
/// The small Swedish HTML pages staff see after following an email link. Plain server-rendered HTML:
/// readable by screen readers, usable without JavaScript, nothing about the patient on them: the token is the
/// capability to acknowledge, not to see the patient. The patient is behind the "Logga in" link, on the handover page.
/// </summary>
internal static class AcknowledgementPages
{
    public static string Form(UnitStatus unit, TransitionStatus status, string transitionId, string formAction, string antiforgeryField, string antiforgeryValue, string tokenField, string? error)
    {
        // The form comes before the facts: on a phone the name field and Kvittera stay in view, a validation message too.
        var body = new StringBuilder()
            .Append("<p>").Append(E(SwedishTexts.Task(unit.UnitType, status.Deadlines.SipDue))).Append("</p>")
            .Append("<form method=\"post\" action=\"").Append(E(formAction)).Append("\">")
            .Append("<input type=\"hidden\" name=\"").Append(E(antiforgeryField)).Append("\" value=\"").Append(E(antiforgeryValue)).Append("\">")
            .Append("<input type=\"hidden\" name=\"ackToken\" value=\"").Append(E(tokenField)).Append("\">");
        if (error is not null)
        {
            body.Append("<p id=\"fel\" role=\"alert\" class=\"fel\">").Append(E(error)).Append("</p>");
        }

        body.Append("<p><label for=\"name\">Ditt namn</label><br>")
            .Append("<input id=\"name\" name=\"name\" type=\"text\" required maxlength=\"100\" autocomplete=\"name\"")
            .Append(error is null ? string.Empty : " aria-describedby=\"fel\" aria-invalid=\"true\"").Append("></p>")
            .Append("<p><button type=\"submit\">Kvittera</button></p></form>")
            .Append(SignInLink(transitionId))
            .Append("<h2>Om vårdövergången</h2>")
            .Append(Facts(unit, status));
        return Layout($"Kvittera vårdövergång{Reference(status)} – {unit.Name}", body.ToString());
    }

    public static string Acknowledged(UnitStatus unit, TransitionStatus status, string transitionId, string by, DateTimeOffset at, bool already)
    {
        var heading = (already ? "Redan kvitterad" : "Tack, vårdövergången är kvitterad") + Reference(status);
        var body = $"<p role=\"status\">{E(already ? "Vårdövergången var redan kvitterad" : "Kvitterad")} av {E(by)}, {E(SwedishTexts.Time(at))}.</p>{SignInLink(transitionId)}{Facts(unit, status)}";
        return Layout(heading, body);
    }

    public static string Message(string heading, string text) => Layout(heading, $"<p>{E(text)}</p>");

    private static string Facts(UnitStatus unit, TransitionStatus status)
    {
        var rows = new List<(string, string)>();
        if (status.Reference is { } reference)
        {
            rows.Add(("Referens", reference));
        }

        rows.AddRange(
        [
            ("Mottagande enhet", unit.Name),
            ("Avdelning", status.Ward is { } w ? $"{w.Name} ({w.HsaId})" : "–"),
            ("Läge", SwedishTexts.MessageType(status.Phase switch
            {
                TransitionPhase.ReadyForDischarge => MessageType.ReadyForDischarge,
                TransitionPhase.Withdrawn => MessageType.Withdrawn,
                TransitionPhase.Discharged or TransitionPhase.Completed => MessageType.Discharged,
                _ => MessageType.AdmissionNotice,
            })),
            ("Behov efter utskrivning", SwedishTexts.Needs(status.Needs)),
        ]);
        if (status.Deadlines.ReadyForDischargeAt is { } ready)
        {
            rows.Add(("Utskrivningsklar sedan", SwedishTexts.Time(ready)));
        }

        if (status.ExpectedDischargeDate is { } expected)
        {
            rows.Add(("Planerat utskrivningsdatum", SwedishTexts.Date(expected)));
        }

        var table = new StringBuilder("<dl>");
        foreach (var (label, value) in rows)
        {
            table.Append("<dt>").Append(E(label)).Append("</dt><dd>").Append(E(value)).Append("</dd>");
        }

        return table.Append("</dl>").ToString();
    }

    /// <summary>The way to the patient: the handover page, which asks for sign-in (the link itself carries no personal data).</summary>
    private static string SignInLink(string transitionId) =>
        $"<p><a class=\"knapp\" href=\"{E(Configuration.PublicUrls.HandoverPath(transitionId))}\">Logga in för att se patientuppgifter</a></p>";

    private static string Reference(TransitionStatus status) => status.Reference is { } reference ? $" {reference}" : string.Empty;

    private static string Layout(string title, string body) =>
        StaffPage.Document(title, Styles, $"<main>\n<h1>{E(title)}</h1>\n{body}\n</main>");

    private const string Styles = """
        body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 1rem auto; padding: 0 1rem; line-height: 1.5; color: #1a1a1a; }
        dt { font-weight: bold; } dd { margin: 0 0 .5rem 0; }
        *, *::before, *::after { box-sizing: border-box; }
        h2 { font-size: 1.2rem; margin-top: 2rem; }
        body { overflow-wrap: anywhere; }
        input[type=text] { font-size: 1rem; padding: .4rem; width: 100%; max-width: 24rem; }
        button { font-size: 1.1rem; padding: .5rem 1.5rem; background: #00594c; color: #fff; border: 0; border-radius: 4px; }
        a.knapp { display: inline-block; padding: .5rem 1rem; border: 2px solid #00594c; border-radius: 4px; color: #00594c; font-weight: bold; text-decoration: none; }
        button:focus, input:focus, a:focus { outline: 3px solid #f9b000; }
        .fel { color: #a00000; font-weight: bold; }
        """;

    private static string E(string text) => StaffPage.Encode(text);
}
