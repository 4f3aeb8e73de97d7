using Microsoft.Extensions.Options;
using MimeKit;
using Platform.Mail;

namespace Dashboard.Reports;

/// <summary>
/// One report email as it goes out. Its Message-ID is fixed per month (without angle brackets), so a resend
/// after a crash is recognisable as the same message.
/// </summary>
internal sealed record ReportEmail(
    string MessageId,
    IReadOnlyList<string> To,
    string Subject,
    string Html,
    string Text,
    IReadOnlyList<(string ContentId, string FileName, byte[] Png)> Images,
    string AttachmentName,
    byte[] Attachment);

/// <summary>
/// Sends the report with MailKit: multipart/alternative (text, and HTML in a multipart/related with the charts
/// as inline images by Content-ID) inside multipart/mixed with the .xlsx attached. With no <c>Smtp:Host</c> the
/// message is written as an .eml file to the pickup folder, as the service's other emails are.
/// </summary>
/// <param name="smtp">The service's <c>Smtp</c> section.</param>
/// <param name="storageDirectory">The folder a relative <c>Smtp:PickupDirectory</c> is under.</param>
internal sealed class MonthlyReportMailer(IOptions<SmtpOptions> smtp, string storageDirectory)
{
    private const string WorkbookType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The domain of <c>Smtp:From</c>, for the Message-ID.</summary>
    public string Domain => MailboxAddress.Parse(smtp.Value.From).Domain;

    public async Task SendAsync(ReportEmail email, CancellationToken cancellationToken)
    {
        using var message = Compose(email);
        if (smtp.Value.Server is not { } server)
        {
            var pickup = smtp.Value.PickupDirectoryUnder(storageDirectory);
            Directory.CreateDirectory(pickup);
            // Named by the Message-ID: a resend replaces the file instead of adding a second one.
            await message.WriteToAsync(Path.Combine(pickup, email.MessageId.Replace('@', '_') + ".eml"), cancellationToken);
            return;
        }

        await SmtpConnection.SendAsync(server, message, cancellationToken);
    }

    internal MimeMessage Compose(ReportEmail email)
    {
        var message = new MimeMessage { Subject = email.Subject, MessageId = email.MessageId };
        message.From.Add(MailboxAddress.Parse(smtp.Value.From));
        foreach (var to in email.To)
        {
            message.To.Add(MailboxAddress.Parse(to));
        }
        var body = new BodyBuilder { HtmlBody = email.Html, TextBody = email.Text };
        foreach (var (contentId, fileName, png) in email.Images)
        {
            var image = body.LinkedResources.Add(fileName, png, new ContentType("image", "png"));
            image.ContentId = contentId;
        }
        body.Attachments.Add(email.AttachmentName, email.Attachment, ContentType.Parse(WorkbookType));
        message.Body = body.ToMessageBody();
        return message;
    }
}
