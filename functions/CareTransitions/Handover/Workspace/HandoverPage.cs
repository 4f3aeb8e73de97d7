using System.Globalization;
using System.Text;
using CareTransitions.Configuration;
using CareTransitions.Notifications;
using CareTransitions.Pages;
using CareTransitions.SignIn;
using CareTransitions.Workflow;

namespace CareTransitions.Handover.Workspace;

/// <summary>
/// The handover page (överlämning): who the patient is, the ward's contact path and plan, each unit's status and the
/// conversation. Swedish, phone first, server-rendered, usable without JavaScript, WCAG 2.1 AA (landmarks, one h1,
/// labelled form, focus outline, contrast at least 4.5:1).
/// </summary>
internal static class HandoverPage
{
    public static string Render(HandoverView view, string signOutPath, string postAction, string antiforgeryField, string antiforgeryValue, string? notice, string? error, string? draft,
        HandoverSipForm? sipForm = null)
    {
        var status = view.Status;
        var title = $"Överlämning {status.Reference ?? string.Empty}".Trim();
        var body = new StringBuilder();
        Header(body, view.Person, signOutPath);
        body.Append("<main id=\"innehall\"><h1>").Append(E(title)).Append("</h1>");
        if (notice is not null)
        {
            body.Append("<p role=\"status\" class=\"notis\">").Append(E(notice)).Append("</p>");
        }

        Patient(body, view);
        Plan(body, view.Latest);
        Units(body, status);
        HandoverSipSection.Render(body, view, PublicUrls.HandoverPath(view.TransitionId), antiforgeryField, antiforgeryValue, sipForm);
        Conversation(body, view, postAction, antiforgeryField, antiforgeryValue, error, draft);
        Versions(body, view.Versions);
        body.Append("</main>");
        return Layout(title, body.ToString());
    }

    /// <summary>A page that says why nothing is shown, with no data of the transition at all.</summary>
    public static string Message(StaffMember? person, string signOutPath, string title, string text)
    {
        var body = new StringBuilder();
        Header(body, person, signOutPath);
        body.Append("<main id=\"innehall\"><h1>").Append(E(title)).Append("</h1><p>").Append(E(text)).Append("</p></main>");
        return Layout(title, body.ToString());
    }

    private static void Header(StringBuilder body, StaffMember? person, string signOutPath)
    {
        body.Append("<header><p>");
        if (person is not null)
        {
            body.Append("Inloggad som ").Append(E(person.Name)).Append(" (").Append(E(person.HsaId)).Append(") · ");
        }

        body.Append("<a href=\"").Append(E(signOutPath)).Append("\">Logga ut</a></p></header>");
    }

    private static void Patient(StringBuilder body, HandoverView view)
    {
        var status = view.Status;
        var info = view.Latest?.Information;
        body.Append("<section aria-labelledby=\"patient\"><h2 id=\"patient\">Patient</h2><dl>");
        Row(body, "Namn", info?.PatientName ?? "Inte angivet av avdelningen");
        Row(body, "Personnummer", info is null ? "Uppgift saknas" : Personnummer(info.PersonalIdentityNumber));
        Row(body, "Hemkommun", view.Municipality is { } m ? $"{m.Name} ({m.Code})" : status.MunicipalityCode ?? "–");
        Row(body, "Avdelning", status.Ward is { } w ? $"{w.Name} ({w.HsaId})" : "–");
        Row(body, "Läge", SwedishTexts.Phase(status.Phase));
        Row(body, "Behov efter utskrivning", SwedishTexts.Needs(status.Needs));
        if (status.ExpectedDischargeDate is { } expected)
        {
            Row(body, "Planerat utskrivningsdatum", SwedishTexts.Date(expected));
        }

        if (status.Deadlines.SipDue is { } sipDue)
        {
            Row(body, "SIP-möte kallas senast", SwedishTexts.Date(sipDue));
        }

        body.Append("</dl></section>");
        var contact = info?.Plan?.Contact;
        body.Append("<section aria-labelledby=\"kontakt\"><h2 id=\"kontakt\">Kontakt med avdelningen</h2><dl>");
        ContactRow(body, "Dagtid", contact?.Day);
        ContactRow(body, "Kväll, natt och helg", contact?.Night);
        if (contact?.Email is { } email)
        {
            body.Append("<dt>E-post</dt><dd><a href=\"mailto:").Append(E(email)).Append("\">").Append(E(email)).Append("</a></dd>");
        }

        body.Append("</dl></section>");
    }

    private static void Plan(StringBuilder body, HandoverVersion? latest)
    {
        var plan = latest?.Information.Plan;
        body.Append("<section aria-labelledby=\"planering\"><h2 id=\"planering\">Avdelningens planering</h2>");
        if (plan is null)
        {
            body.Append("<p>Avdelningen har inte skickat någon planering.</p></section>");
            return;
        }

        body.Append("<h3>Planering inför hemgång</h3><p class=\"fritext\">").Append(E(plan.PlanningNotes ?? "Ingen text.")).Append("</p>");
        body.Append("<h3>Rehabilitering</h3><dl>");
        Row(body, "Arbetsterapeut (AT)", plan.Rehabilitation?.OccupationalTherapy ?? "Inget angivet", multiline: true);
        Row(body, "Fysioterapeut (FT)", plan.Rehabilitation?.Physiotherapy ?? "Inget angivet", multiline: true);
        body.Append("</dl><h3>Hjälpmedel</h3>");
        Cards(body, plan.AssistiveDevices, "Inga hjälpmedel angivna.", device =>
            body.Append("<strong>").Append(E(device.Device)).Append("</strong><br>Läge: ").Append(E(DeviceState(device.State)))
                .Append("<br>Ansvarig: ").Append(E(device.Responsible)));
        body.Append("<h3>Närstående</h3>");
        Cards(body, plan.NextOfKin, "Inga närstående angivna.", kin =>
        {
            body.Append("<strong>").Append(E(kin.Name)).Append("</strong>");
            if (kin.Relation is { } relation)
            {
                body.Append(" (").Append(E(relation)).Append(')');
            }

            if (kin.Phone is { } phone)
            {
                body.Append("<br>").Append(Phone(phone));
            }
        });
        body.Append("</section>");
    }

    /// <summary>A list of cards, one per item, or the sentence (a literal of this page) saying there are none.</summary>
    private static void Cards<T>(StringBuilder body, IReadOnlyList<T> items, string none, Action<T> card)
    {
        if (items.Count == 0)
        {
            body.Append("<p>").Append(none).Append("</p>");
            return;
        }

        body.Append("<ul class=\"kort\">");
        foreach (var item in items)
        {
            body.Append("<li>");
            card(item);
            body.Append("</li>");
        }

        body.Append("</ul>");
    }

    private static void Units(StringBuilder body, TransitionStatus status)
    {
        body.Append("<section aria-labelledby=\"enheter\"><h2 id=\"enheter\">Mottagande enheter</h2><ul class=\"kort\">");
        foreach (var unit in status.Units)
        {
            body.Append("<li><strong>").Append(E(unit.Name)).Append("</strong><dl>");
            Row(body, "Underrättad", When(unit.NotifiedAt));
            if (unit.RemindedAt is { } reminded)
            {
                Row(body, "Påmind", When(reminded));
            }

            if (unit.EscalatedAt is { } escalated)
            {
                Row(body, "Eskalerad", $"{When(escalated)} ({(unit.EscalatedTo == "OnCall" ? "jour" : "enhetschef")})");
            }

            Row(body, "Kvitterad", unit.AcknowledgedAt is { } at ? $"{When(at)} av {unit.AcknowledgedBy}" : "Inte ännu");
            body.Append("</dl></li>");
        }

        body.Append("</ul></section>");
    }

    private static void Conversation(StringBuilder body, HandoverView view, string postAction, string antiforgeryField, string antiforgeryValue, string? error, string? draft)
    {
        body.Append("<section aria-labelledby=\"samtal\"><h2 id=\"samtal\">Samtal mellan avdelningen och enheterna</h2>");
        if (view.Conversation.Count == 0)
        {
            body.Append("<p>Inga meddelanden ännu.</p>");
        }
        else
        {
            body.Append("<ol class=\"samtal\">");
            foreach (var message in view.Conversation)
            {
                body.Append("<li><p class=\"avsandare\"><strong>").Append(E(message.Entry.AuthorName)).Append("</strong>, ").Append(E(message.Entry.UnitName))
                    .Append(" · <time datetime=\"").Append(message.PostedAt.ToString("O", CultureInfo.InvariantCulture)).Append("\">")
                    .Append(E(SwedishTexts.Time(message.PostedAt))).Append("</time></p><p class=\"fritext\">").Append(E(message.Entry.Text)).Append("</p></li>");
            }

            body.Append("</ol>");
        }

        body.Append("<form method=\"post\" action=\"").Append(E(postAction)).Append("\">")
            .Append("<input type=\"hidden\" name=\"").Append(E(antiforgeryField)).Append("\" value=\"").Append(E(antiforgeryValue)).Append("\">");
        if (error is not null)
        {
            body.Append("<p id=\"fel\" role=\"alert\" class=\"fel\">").Append(E(error)).Append("</p>");
        }

        body.Append("<p><label for=\"text\">Nytt meddelande</label><br><span id=\"text-hjalp\" class=\"hjalp\">Alla på avdelningen och de mottagande enheterna ser det. De får ett e-postmeddelande utan patientuppgifter.</span><br>")
            .Append("<textarea id=\"text\" name=\"text\" rows=\"4\" required maxlength=\"").Append(ConversationStore.MaxTextLength).Append("\" aria-describedby=\"text-hjalp")
            .Append(error is null ? "\"" : " fel\" aria-invalid=\"true\"").Append('>').Append(E(draft ?? string.Empty)).Append("</textarea></p>")
            .Append("<p><button type=\"submit\">Skicka</button></p></form></section>");
    }

    private static void Versions(StringBuilder body, IReadOnlyList<HandoverVersion> versions)
    {
        if (versions.Count == 0)
        {
            return;
        }

        body.Append("<section aria-labelledby=\"versioner\"><h2 id=\"versioner\">Versioner av avdelningens uppgifter</h2><ol>");
        foreach (var version in versions)
        {
            body.Append("<li>Version ").Append(version.Version).Append(", mottagen ").Append(E(SwedishTexts.Time(version.RecordedAt)))
                .Append(version == versions[^1] ? " (visas ovan)" : string.Empty).Append("</li>");
        }

        body.Append("</ol></section>");
    }

    private static void Row(StringBuilder body, string label, string value, bool multiline = false) =>
        body.Append("<dt>").Append(E(label)).Append("</dt><dd").Append(multiline ? " class=\"fritext\"" : string.Empty).Append('>').Append(E(value)).Append("</dd>");

    private static void ContactRow(StringBuilder body, string label, ContactPath? contact)
    {
        body.Append("<dt>").Append(E(label)).Append("</dt><dd>");
        body.Append(contact is null ? "Inte angivet" : $"{E(contact.Name)}<br>{Phone(contact.Phone)}");
        body.Append("</dd>");
    }

    private static string Phone(string phone) =>
        $"<a href=\"tel:{E(new string(phone.Where(c => char.IsAsciiDigit(c) || c == '+').ToArray()))}\">{E(phone)}</a>";

    private static string When(DateTimeOffset? at) => at is { } time ? SwedishTexts.Time(time) : "Inte ännu";

    private static string DeviceState(AssistiveDeviceState state) => state switch
    {
        AssistiveDeviceState.Needed => "Behövs",
        AssistiveDeviceState.Prescribed => "Förskrivet",
        AssistiveDeviceState.Delivered => "Levererat",
        _ => state.ToString(),
    };

    /// <summary>191212121212 → 19121212-1212, as staff read it.</summary>
    private static string Personnummer(string digits) => digits.Length == 12 ? $"{digits[..8]}-{digits[8..]}" : digits;

    private static string Layout(string title, string body) => StaffPage.Document(title, Styles, body);

    private const string Styles = """
        *, *::before, *::after { box-sizing: border-box; }
        body { font-family: system-ui, sans-serif; max-width: 48rem; margin: 0 auto; padding: 0 1rem 2rem; line-height: 1.5; color: #1a1a1a; background: #fff; overflow-wrap: anywhere; }
        header { border-bottom: 1px solid #767676; margin-bottom: 1rem; }
        h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2rem; border-top: 1px solid #d0d0d0; padding-top: 1rem; } h3 { font-size: 1.05rem; }
        dt { font-weight: bold; } dd { margin: 0 0 .5rem 0; }
        .fritext { white-space: pre-line; }
        ul.kort, ol.samtal { list-style: none; padding: 0; }
        ul.kort > li, ol.samtal > li { border: 1px solid #767676; border-radius: 4px; padding: .5rem .75rem; margin-bottom: .75rem; }
        .avsandare { margin: 0; color: #1a1a1a; }
        .hjalp { color: #4a4a4a; font-size: .95rem; }
        textarea, form.sip input[type=text], form.sip input[type=url] { width: 100%; font: inherit; padding: .4rem; border: 1px solid #595959; }
        form.sip input[type=date], form.sip input[type=time] { font: inherit; padding: .3rem; border: 1px solid #595959; }
        fieldset { border: 1px solid #767676; }
        button { font-size: 1.1rem; padding: .5rem 1.5rem; background: #00594c; color: #fff; border: 0; border-radius: 4px; }
        a { color: #00594c; }
        a:focus, button:focus, textarea:focus, input:focus { outline: 3px solid #f9b000; outline-offset: 2px; }
        .fel { color: #a00000; font-weight: bold; }
        .notis { background: #e6f2ef; border-left: 4px solid #00594c; padding: .5rem .75rem; }
        """;

    private static string E(string text) => StaffPage.Encode(text);
}
