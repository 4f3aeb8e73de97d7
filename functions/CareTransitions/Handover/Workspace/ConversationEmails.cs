using CareTransitions.Configuration;
using CareTransitions.Directory;
using CareTransitions.Notifications;
using CareTransitions.Workflow;
using Platform.Mail;

namespace CareTransitions.Handover.Workspace;

/// <summary>
/// Tells the ward and every other receiving unit that the conversation has a new message: the reference, who wrote (the
/// unit, not the person) and the link. Never the message, which may name the patient.
/// </summary>
internal sealed partial class ConversationEmails(IEmailSender sender, UnitsDirectory directory, PublicUrls urls, ILogger<ConversationEmails> logger)
{
    /// <summary>Sends one email per other party; returns the names of those it could not reach (no address, or the mail server refused).</summary>
    public async Task<IReadOnlyList<string>> TellOthersAsync(
        string transitionId, TransitionStatus status, string fromHsaId, string fromName, string? wardEmail, CancellationToken cancellationToken)
    {
        var recipients = new List<(string Name, string? Email)>();
        if (status.Ward is { } ward && ward.HsaId != fromHsaId)
        {
            recipients.Add((ward.Name, wardEmail));
        }

        foreach (var unit in status.Units.Select(u => directory.FindUnit(u.UnitId)).OfType<Unit>().Where(u => u.HsaId != fromHsaId))
        {
            recipients.Add((unit.Name, unit.Email));
        }

        var notReached = new List<string>();
        var reference = status.Reference ?? "vårdövergång";
        foreach (var (name, email) in recipients)
        {
            if (email is null)
            {
                notReached.Add(name);
                continue;
            }

            var link = urls.Handover(transitionId);
            var text = $"""
                Till {name}:
                {fromName} har skrivit ett nytt meddelande i samtalet om vårdövergången {reference}.

                Logga in för att läsa och svara:
                {link}

                Meddelandet innehåller inga patientuppgifter. De visas på överlämningssidan efter inloggning.
                """;
            var html = $"""<!DOCTYPE html><html lang="sv"><body style="font-family:sans-serif"><p>Till {E(name)}: {E(fromName)} har skrivit ett nytt meddelande i samtalet om vårdövergången {E(reference)}.</p><p><a href="{E(link)}">Logga in för att läsa och svara</a></p><p style="color:#555">Meddelandet innehåller inga patientuppgifter. De visas på överlämningssidan efter inloggning.</p></body></html>""";
            var messageId = $"<samtal.{Guid.NewGuid():N}@{sender.MessageIdDomain}>";
            try
            {
                await sender.SendAsync(new EmailMessage(messageId, email, $"Nytt meddelande i samtalet – {reference}", text, html), cancellationToken);
            }
            catch (SmtpDeliveryException e)
            {
                // The message is stored; the page says who was not told, so the writer can phone them.
                logger.ConversationEmailFailed(e, transitionId, e.Message);
                notReached.Add(name);
            }
        }

        return notReached;
    }

    private static string E(string text) => System.Net.WebUtility.HtmlEncode(text);
}
