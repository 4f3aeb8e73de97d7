using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Text;
using CareTransitions.Configuration;
using Microsoft.Extensions.Options;

namespace CareTransitions.Notifications;

/// <summary>Sends one composed email.</summary>
internal interface IEmailSender
{
    /// <summary>The domain used in Message-IDs (from <c>Smtp:From</c>).</summary>
    string MessageIdDomain { get; }

    Task SendAsync(EmailMessage email, CancellationToken cancellationToken);
}

/// <summary>
/// SMTP through System.Net.Mail (MailKit is not available here). With no <c>Smtp:Host</c> the mail
/// is written as .eml files to the pickup folder, which is how the service runs on its own.
/// </summary>
internal sealed class SmtpEmailSender : IEmailSender
{
    private readonly SmtpOptions options;
    private readonly MailAddress from;
    private readonly string pickupDirectory;

    public SmtpEmailSender(IOptions<SmtpOptions> smtp, IOptions<StorageOptions> storage)
    {
        this.options = smtp.Value;
        this.from = new MailAddress(this.options.From);
        this.pickupDirectory = Path.Combine(storage.Value.Directory, this.options.PickupDirectory);
    }

    public string MessageIdDomain => this.from.Host;

    public async Task SendAsync(EmailMessage email, CancellationToken cancellationToken)
    {
        using var message = new MailMessage { From = this.from, Subject = email.Subject, SubjectEncoding = Encoding.UTF8 };
        message.To.Add(email.To);
        // IMPORTANT: the Message-ID is chosen by the workflow, not generated here, so a resend is recognisable.
        message.Headers.Add("Message-ID", email.MessageId);
        message.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(email.PlainText, Encoding.UTF8, MediaTypeNames.Text.Plain));
        message.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(email.Html, Encoding.UTF8, MediaTypeNames.Text.Html));

        using var client = this.CreateClient();
        await client.SendMailAsync(message, cancellationToken);
    }

    private SmtpClient CreateClient()
    {
        if (string.IsNullOrWhiteSpace(this.options.Host))
        {
            System.IO.Directory.CreateDirectory(this.pickupDirectory);
            return new SmtpClient
            {
                DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory,
                PickupDirectoryLocation = Path.GetFullPath(this.pickupDirectory),
            };
        }

        var client = new SmtpClient(this.options.Host, this.options.Port) { EnableSsl = this.options.EnableSsl, Timeout = 30_000 };
        if (!string.IsNullOrEmpty(this.options.UserName))
        {
            client.Credentials = new NetworkCredential(this.options.UserName, this.options.Password);
        }

        return client;
    }
}
