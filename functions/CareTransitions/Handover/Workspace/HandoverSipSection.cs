using System.Globalization;
using System.Text;
using CareTransitions.Notifications;
using CareTransitions.Pages;
using CareTransitions.Sip;
using CareTransitions.Workflow;

namespace CareTransitions.Handover.Workspace;

/// <summary>
/// The handover page's SIP section: the meeting (time, place, version, participants, the names given) and each unit's
/// answer for everyone involved; for the primary-care unit's staff the form that calls it, moves it ("Flytta") and
/// cancels it ("Ställ in"), posting with the page's antiforgery token.
/// </summary>
internal static class HandoverSipSection
{
    public const string CallPath = "sip";
    public const string CancelPath = "sip/installt";

    /// <summary>The cancel form's confirmation box: a cancellation reaches every unit's calendar and cannot be undone.</summary>
    public const string ConfirmField = "bekrafta";

    public static void Render(StringBuilder body, HandoverView view, string basePath, string antiforgeryField, string antiforgeryValue, HandoverSipForm? form)
    {
        var sip = view.Sip;
        var live = sip.Meeting is { Cancelled: false } ? sip.Meeting : null;
        body.Append("<section aria-labelledby=\"sip\"><h2 id=\"sip\">SIP-möte</h2>");
        if (sip.Meeting is null)
        {
            body.Append("<p>Inget SIP-möte är kallat ännu.").Append(sip.MayCall ? string.Empty : " Vårdcentralen kallar till mötet.").Append("</p>");
        }
        else if (live is null)
        {
            body.Append("<p>SIP-mötet ").Append(E(SwedishTexts.Time(sip.Meeting.Start))).Append(" är inställt.</p>");
        }
        else
        {
            Meeting(body, view, live);
        }

        if (sip.MayCall)
        {
            var hidden = $"<input type=\"hidden\" name=\"{E(antiforgeryField)}\" value=\"{E(antiforgeryValue)}\">";
            if (form?.Error is { } error)
            {
                body.Append("<p id=\"sip-fel\" role=\"alert\" class=\"fel\">").Append(E(error)).Append("</p>");
            }

            body.Append("<h3>").Append(live is null ? "Kalla till SIP-möte" : "Flytta mötet").Append("</h3>");
            Form(body, view.Status, $"{basePath}/{CallPath}", hidden, form ?? (live is null ? HandoverSipForm.Blank(view.Status) : HandoverSipForm.Of(live)), live is null ? "Kalla till SIP-möte" : "Flytta");
            if (live is not null)
            {
                body.Append("<h3>Ställ in mötet</h3><form method=\"post\" action=\"").Append(E($"{basePath}/{CancelPath}")).Append("\">").Append(hidden)
                    .Append("<p class=\"hjalp\">Alla deltagande enheter får ett meddelande om att mötet är inställt. Det går inte att ångra; ett nytt möte kallas på nytt.</p>")
                    .Append("<p><input type=\"checkbox\" id=\"sip-bekrafta\" name=\"").Append(ConfirmField).Append("\" value=\"ja\"> ")
                    .Append("<label for=\"sip-bekrafta\">Ja, ställ in mötet</label></p><p><button type=\"submit\">Ställ in</button></p></form>");
            }
        }

        body.Append("</section>");
    }

    private static void Meeting(StringBuilder body, HandoverView view, SipMeeting meeting)
    {
        body.Append("<dl>");
        Row(body, "Tid", $"{SwedishTexts.Time(meeting.Start)}–{SwedishTime.ToLocal(meeting.End).ToString("HH:mm", CultureInfo.InvariantCulture)}");
        if (meeting.Place is { } place)
        {
            Row(body, "Plats", place);
        }

        if (meeting.VideoLink is { } link)
        {
            body.Append("<dt>Videolänk</dt><dd><a href=\"").Append(E(link)).Append("\">").Append(E(link)).Append("</a></dd>");
        }

        Row(body, "Version", meeting.Sequence == 0 ? "Kallat " + SwedishTexts.Time(meeting.CalledAt) : $"{meeting.Sequence} (flyttat {SwedishTexts.Time(meeting.ChangedAt)})");
        Row(body, "Patient", meeting.People.Patient ?? "Inte angivet");
        Row(body, "Närstående", meeting.People.NextOfKin ?? "Inte angivet");
        body.Append("</dl><h3>Svar från enheterna</h3><ul class=\"kort\">");
        foreach (var unitId in meeting.Participants)
        {
            var answer = view.Sip.Answers.FirstOrDefault(a => a.UnitId == unitId);
            body.Append("<li><strong>").Append(E(UnitName(view.Status, unitId))).Append("</strong><br>").Append(answer?.Answer switch
            {
                "Accepted" => "Kommer",
                "Declined" => "Kommer inte",
                _ => "Inget svar ännu",
            });
            if (answer?.AnsweredAt is { } at)
            {
                body.Append(" (").Append(E(SwedishTexts.Time(at))).Append(')');
            }

            if (answer?.Comment is { } comment)
            {
                body.Append("<br><span class=\"fritext\">Kommentar: ").Append(E(comment)).Append("</span>");
            }

            body.Append("</li>");
        }

        body.Append("</ul>");
    }

    private static void Form(StringBuilder body, TransitionStatus status, string action, string hidden, HandoverSipForm form, string button)
    {
        body.Append("<form method=\"post\" action=\"").Append(E(action)).Append("\" class=\"sip\">").Append(hidden);
        Input(body, "sip-datum", "datum", "date", "Datum", form.Date, required: true);
        Input(body, "sip-start", "start", "time", "Starttid", form.Start, required: true);
        Input(body, "sip-slut", "slut", "time", "Sluttid (valfri, annars en timme)", form.End, required: false);
        Input(body, "sip-plats", "plats", "text", "Plats", form.Place, required: false);
        Input(body, "sip-videolank", "videolank", "url", "Videolänk (https)", form.VideoLink, required: false);
        body.Append("<fieldset><legend>Deltagande enheter</legend>");
        for (var i = 0; i < status.Units.Count; i++)
        {
            var unit = status.Units[i];
            body.Append("<p><input type=\"checkbox\" id=\"sip-enhet-").Append(i).Append("\" name=\"enheter\" value=\"").Append(E(unit.UnitId)).Append('"')
                .Append(form.Participants.Contains(unit.UnitId) ? " checked" : string.Empty).Append("><label for=\"sip-enhet-").Append(i).Append("\">")
                .Append(E(unit.Name)).Append("</label></p>");
        }

        body.Append("</fieldset><p class=\"hjalp\">Namnen nedan sparas krypterade och skickas aldrig med e-post.</p>");
        Input(body, "sip-patient", "patient", "text", "Patientens namn", form.Patient, required: false);
        Input(body, "sip-narstaende", "narstaende", "text", "Närstående som deltar", form.NextOfKin, required: false);
        body.Append("<p><button type=\"submit\">").Append(E(button)).Append("</button></p></form>");
    }

    private static void Input(StringBuilder body, string id, string name, string type, string label, string value, bool required) =>
        body.Append("<p><label for=\"").Append(id).Append("\">").Append(E(label)).Append("</label><br><input type=\"").Append(type).Append("\" id=\"").Append(id)
            .Append("\" name=\"").Append(name).Append("\" value=\"").Append(E(value)).Append('"').Append(required ? " required" : string.Empty)
            .Append(type is "text" or "url" ? $" maxlength=\"{(type == "url" ? 500 : SipCallRequest.MaxText)}\"" : string.Empty).Append("></p>");

    private static string UnitName(TransitionStatus status, string unitId) => status.Units.FirstOrDefault(u => u.UnitId == unitId)?.Name ?? unitId;

    private static void Row(StringBuilder body, string label, string value) =>
        body.Append("<dt>").Append(E(label)).Append("</dt><dd>").Append(E(value)).Append("</dd>");

    private static string E(string text) => StaffPage.Encode(text);
}
