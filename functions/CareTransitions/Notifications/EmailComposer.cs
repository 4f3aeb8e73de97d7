using System.Text;
using System.Text.Encodings.Web;

namespace CareTransitions.Notifications;

/// <summary>
/// Writes the Swedish emails, plain text and HTML. IMPORTANT: only the reference, ward, unit, dates, needs and the
/// links: the request carries nothing about the patient, so nothing about the patient can leak. The patient and the
/// ward's plan are on the handover page, behind sign-in.
/// </summary>
internal static class EmailComposer
{
    public static EmailMessage Compose(NotificationRequest request, string messageId, string? ackUrl, DateTimeOffset? linkExpires, string? handoverUrl = null)
    {
        var d = request.Details;
        var subject = WithReference(d.Reference, request.Kind switch
        {
            NotificationKind.Notification => $"Vårdövergång från {d.Ward.Name}: kvittering begärs",
            NotificationKind.Reminder => $"Påminnelse: okvitterad vårdövergång från {d.Ward.Name}",
            NotificationKind.Escalation => $"Eskalering: {request.UnitName} har inte kvitterat vårdövergång från {d.Ward.Name}",
            NotificationKind.SipReminder => $"Påminnelse: SIP-möte har inte kallats ({d.Ward.Name})",
            NotificationKind.SipEscalation => $"Eskalering: {request.UnitName} har inte kallat till SIP-möte ({d.Ward.Name})",
            _ when d.Changes is { Count: > 1 } changes => $"Ny information ({changes.Count} ändringar): {SwedishTexts.MessageType(d.MessageType)} ({d.Ward.Name})",
            _ => $"{SwedishTexts.MessageType(d.MessageType)} ({d.Ward.Name})",
        });

        var intro = request.Kind switch
        {
            NotificationKind.Notification => $"{request.UnitName} har fått en vårdövergång från slutenvården ({SwedishTexts.MessageType(d.MessageType)}).",
            NotificationKind.Reminder => $"{request.UnitName} har ännu inte kvitterat en vårdövergång från slutenvården.",
            NotificationKind.Escalation => $"Till {request.RecipientName}: {request.UnitName} har inte kvitterat en vårdövergång. Se till att någon tar emot den.",
            NotificationKind.SipReminder => $"{request.UnitName} har ännu inte kallat till SIP-möte, och tiden enligt lagen (3 dagar från utskrivningsklar) har gått ut.",
            NotificationKind.SipEscalation => $"Till {request.RecipientName}: {request.UnitName} har inte kallat till SIP-möte trots påminnelse. Se till att någon kallar till mötet.",
            _ when d.Changes is { Count: > 1 } => $"Ny information i en vårdövergång till {request.UnitName}. Det här har ändrats sedan förra meddelandet, i tur och ordning:",
            _ => $"Ny information i en vårdövergång till {request.UnitName}: {SwedishTexts.MessageType(d.MessageType)}.",
        };

        var facts = new List<(string Label, string Value)>();
        if (d.Reference is { } reference)
        {
            facts.Add(("Referens", reference));
        }

        facts.AddRange(
        [
            ("Avdelning", $"{d.Ward.Name} ({d.Ward.HsaId})"),
            ("Mottagande enhet", request.UnitName),
            ("Uppdrag", SwedishTexts.Task(request.UnitType, d.SipDue)),
            ("Behov efter utskrivning", SwedishTexts.Needs(d.Needs)),
        ]);
        if (d.ReadyForDischargeAt is { } ready)
        {
            facts.Add(("Utskrivningsklar sedan", SwedishTexts.Time(ready)));
        }

        if (d.ExpectedDischargeDate is { } expected)
        {
            facts.Add(("Planerat utskrivningsdatum", SwedishTexts.Date(expected)));
        }

        if (d.AssistiveDevicesResponsibility is { Length: > 0 } devices)
        {
            facts.Add(("Ansvar för hjälpmedel", devices));
        }

        if (d.NewHandoverInformation)
        {
            facts.Add(("Planeringsinformation", "Avdelningen har skickat ny information. Logga in på överlämningssidan för att läsa den."));
        }

        var plain = new StringBuilder().AppendLine(intro);
        var html = new StringBuilder().Append("<!DOCTYPE html><html lang=\"sv\"><body style=\"font-family:sans-serif\">")
            .Append("<p>").Append(Encode(intro)).Append("</p>");
        if (request.Kind == NotificationKind.Update && d.Changes is { Count: > 1 } listed)
        {
            html.Append("<ol>");
            foreach (var change in listed.Select(c => SwedishTexts.MessageType(c)))
            {
                plain.Append("- ").AppendLine(change);
                html.Append("<li>").Append(Encode(change)).Append("</li>");
            }

            html.Append("</ol><p>Läget nu:</p>");
            plain.AppendLine().AppendLine("Läget nu:");
        }

        plain.AppendLine();
        html.Append("<table>");
        foreach (var (label, value) in facts)
        {
            plain.Append(label).Append(": ").AppendLine(value);
            html.Append("<tr><th style=\"text-align:left;padding-right:1em\">").Append(Encode(label)).Append("</th><td>").Append(Encode(value)).Append("</td></tr>");
        }

        html.Append("</table>");
        plain.AppendLine();
        if (ackUrl is not null)
        {
            var expiry = linkExpires is { } e ? $" Länken gäller till {SwedishTexts.Time(e)}." : string.Empty;
            plain.AppendLine("Kvittera att ni tagit emot vårdövergången:").AppendLine(ackUrl).AppendLine(expiry.Trim());
            html.Append("<p><a href=\"").Append(Encode(ackUrl)).Append("\">Öppna och kvittera vårdövergången</a>").Append(Encode(expiry)).Append("</p>");
        }
        else if (request.Kind is NotificationKind.SipReminder or NotificationKind.SipEscalation)
        {
            const string call = "Kalla till SIP-mötet på överlämningssidan (länken nedan) eller via ert system.";
            plain.AppendLine(call);
            html.Append("<p>").Append(Encode(call)).Append("</p>");
        }
        else
        {
            plain.AppendLine("Vårdövergången är redan kvitterad av er enhet. Ingen åtgärd behövs för kvitteringen.");
            html.Append("<p>Vårdövergången är redan kvitterad av er enhet.</p>");
        }

        if (handoverUrl is not null)
        {
            plain.AppendLine().AppendLine("Patientuppgifter, avdelningens planering och samtal (inloggning krävs):").AppendLine(handoverUrl);
            html.Append("<p><a href=\"").Append(Encode(handoverUrl)).Append("\">Logga in för att se patientuppgifter och planering</a></p>");
        }

        const string footer = "Meddelandet innehåller inga patientuppgifter. De visas på överlämningssidan efter inloggning.";
        plain.AppendLine().AppendLine(footer);
        html.Append("<p style=\"color:#555\">").Append(Encode(footer)).Append("</p></body></html>");
        return new EmailMessage(messageId, request.Recipient, subject, plain.ToString(), html.ToString());
    }

    /// <summary>The reference goes last, so the subjects' beginnings (and mail rules built on them) stay as they were.</summary>
    private static string WithReference(string? reference, string subject) => reference is null ? subject : $"{subject} – {reference}";

    private static readonly HtmlEncoder Html = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    private static string Encode(string text) => Html.Encode(text);
}
