using Microsoft.Extensions.Options;
using MimeKit;
using Platform.Mail;

namespace CareTransitions.Notifications;

/// <summary>Sends one composed email.</summary>
internal interface IEmailSender
{
    /// <summary>The domain used in Message-IDs (from <c>Smtp:From</c>).</summary>
    string MessageIdDomain { get; }

    /// <exception cref="SmtpDeliveryException">The mail server did not take it; the message says why, without personal data.</exception>
    Task SendAsync(EmailMessage email, CancellationToken cancellationToken);
}

/// <summary>
/// SMTP through MailKit (the conversation shared with the monthly report, <see cref="SmtpConnection"/>). With no
/// <c>Smtp:Host</c> the mail is written as .eml files to the pickup folder, the Development convenience.
/// </summary>
internal sealed class SmtpEmailSender : IEmailSender
{
    private readonly SmtpServer? server;
    private readonly MailboxAddress from;
    private readonly string pickupDirectory;

    public SmtpEmailSender(IOptions<SmtpOptions> smtp, StorageTopology storage)
    {
        this.server = smtp.Value.Server;
        this.from = MailboxAddress.Parse(smtp.Value.From);
        this.pickupDirectory = smtp.Value.PickupDirectoryUnder(storage.Directory);
    }

    public string MessageIdDomain => this.from.Domain;

    public async Task SendAsync(EmailMessage email, CancellationToken cancellationToken)
    {
        using var message = this.Compose(email);
        if (this.server is null)
        {
            System.IO.Directory.CreateDirectory(this.pickupDirectory);
            // Named by the Message-ID: a resend replaces the file, as the receiving side would drop the duplicate.
            await message.WriteToAsync(Path.Combine(this.pickupDirectory, FileName(email.MessageId)), cancellationToken);
            return;
        }

        await SmtpConnection.SendAsync(this.server, message, cancellationToken);
    }

    internal MimeMessage Compose(EmailMessage email)
    {
        // IMPORTANT: the Message-ID is chosen by the workflow, not generated here, so a resend is recognisable.
        // MimeKit keeps it without the angle brackets and writes them back on the header.
        var message = new MimeMessage { Subject = email.Subject, MessageId = email.MessageId.Trim('<', '>') };
        message.From.Add(this.from);
        message.To.Add(MailboxAddress.Parse(email.To));
        var body = new BodyBuilder { TextBody = email.PlainText, HtmlBody = email.Html };
        if (email.Attachment is { } attachment)
        {
            body.Attachments.Add(attachment.FileName, System.Text.Encoding.UTF8.GetBytes(attachment.Content), ContentType.Parse(attachment.ContentType));
        }

        message.Body = body.ToMessageBody();
        return message;
    }

    private static string FileName(string messageId) =>
        new string(messageId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_').ToArray()).Trim('_') + ".eml";
}
