using System.Globalization;
using System.Text;
using CareTransitions.Pages;
using CareTransitions.SignIn;
using CareTransitions.Workflow;
using static CareTransitions.Worklist.WorklistText;

namespace CareTransitions.Worklist;

/// <summary>The antiforgery field every action form carries.</summary>
internal sealed record FormToken(string FieldName, string Value);

/// <summary>
/// One transition of the work list with its actions, each a form post with antiforgery and a reason, kept off the list so
/// the list's refresh never takes a half-written form away: resend a unit's link, record an acknowledgement received by
/// phone, and withdraw the readiness (avbrott) for those who work for the sending ward.
/// </summary>
internal static class WorklistTransitionPage
{
    public static string Render(StaffMember person, string signOutPath, WorklistRow row, FormToken token, string? notice, string? error)
    {
        var s = row.Status;
        var body = new StringBuilder();
        WorklistPage.Header(body, person, signOutPath);
        body.Append(CultureInfo.InvariantCulture, $"<main><p><a href=\"{WorklistEndpoints.PagePath}\">Till listan</a></p><h1>Vårdövergång {StaffPage.Encode(row.Reference)}</h1>");
        if (notice is not null)
        {
            body.Append(CultureInfo.InvariantCulture, $"<div class=\"notice\" role=\"status\"><p>{StaffPage.Encode(notice)}</p></div>");
        }
        if (error is not null)
        {
            body.Append(CultureInfo.InvariantCulture, $"<div class=\"error\" role=\"alert\"><h2>Åtgärden gjordes inte</h2><p>{StaffPage.Encode(error)}</p></div>");
        }
        body.Append(CultureInfo.InvariantCulture,
            $"<p>{StaffPage.Encode(s.Ward?.Name ?? "–")} · kommun {StaffPage.Encode(s.MunicipalityCode ?? "–")} · {StaffPage.Encode(Phase(s.Phase))} · <span class=\"lage lage-{row.Urgency.ToString().ToLowerInvariant()}\">{Urgency(row.Urgency)}</span></p>");
        body.Append("<h2>Tidsfrister</h2><ul>");
        foreach (var d in row.Deadlines)
        {
            body.Append(CultureInfo.InvariantCulture, $"<li><span class=\"lage lage-{d.Urgency.ToString().ToLowerInvariant()}\">{Urgency(d.Urgency)}</span> {StaffPage.Encode(d.Label)}: {StaffPage.Encode(d.Text)}</li>");
        }
        body.Append("</ul><h2>Enheter</h2>");
        var index = 0;
        foreach (var unit in s.Units)
        {
            index++;
            body.Append(CultureInfo.InvariantCulture, $"<section aria-labelledby=\"enhet-{index}\"><h3 id=\"enhet-{index}\">{StaffPage.Encode(unit.Name)}</h3><p>{StaffPage.Encode(Unit(unit))}</p>");
            if (unit.AcknowledgedAt is null && unit.NotifiedAt is not null)
            {
                var path = WorklistEndpoints.TransitionPath(row.Id);
                Form(body, token, $"{path}/skicka-igen", $"skicka-{index}", $"Skicka länken igen till {unit.Name}", unit.UnitId,
                    "En ny länk skickas med e-post; den gamla slutar gälla.", withName: false, "Skicka länken igen");
                Form(body, token, $"{path}/telefon", $"telefon-{index}", $"Kvittens per telefon från {unit.Name}", unit.UnitId,
                    "Enheten har tagit över per telefon. Räknas som kvittens via telefon i statistiken.", withName: true, "Registrera kvittensen");
            }
            body.Append("</section>");
        }
        if (row.IsWard && s.Phase == TransitionPhase.ReadyForDischarge)
        {
            body.Append("<h2>Avbrott</h2>");
            Form(body, token, $"{WorklistEndpoints.TransitionPath(row.Id)}/avbrott", "avbrott", "Gör avbrott för avdelningens räkning", unit: null,
                "Patienten är inte längre utskrivningsklar: klockan för betalningsansvar stannar och enheterna får veta det, som när avdelningen skickar avbrott.", withName: false, "Gör avbrott");
        }
        body.Append("</main>");
        return WorklistPage.Layout($"{row.Reference} – Samordning", body.ToString());
    }

    private static void Form(StringBuilder body, FormToken token, string action, string id, string legend, string? unit, string hint, bool withName, string button)
    {
        body.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"{StaffPage.Encode(action)}\"><fieldset><legend>{StaffPage.Encode(legend)}</legend>");
        body.Append(CultureInfo.InvariantCulture, $"<p class=\"hint\" id=\"{id}-tips\">{StaffPage.Encode(hint)}</p>");
        body.Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"{StaffPage.Encode(token.FieldName)}\" value=\"{StaffPage.Encode(token.Value)}\">");
        if (unit is not null)
        {
            body.Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"enhet\" value=\"{StaffPage.Encode(unit)}\">");
        }
        if (withName)
        {
            body.Append(CultureInfo.InvariantCulture,
                $"<div class=\"field\"><label for=\"{id}-namn\">Namn på den som tog över</label><input type=\"text\" id=\"{id}-namn\" name=\"namn\" required maxlength=\"100\" autocomplete=\"off\"></div>");
        }
        body.Append(CultureInfo.InvariantCulture,
            $"<div class=\"field\"><label for=\"{id}-skal\">Skäl</label><input type=\"text\" id=\"{id}-skal\" name=\"skal\" required maxlength=\"300\" autocomplete=\"off\" aria-describedby=\"{id}-tips\"></div>");
        body.Append(CultureInfo.InvariantCulture, $"<div class=\"actions\"><button type=\"submit\">{StaffPage.Encode(button)}</button></div></fieldset></form>");
    }
}
