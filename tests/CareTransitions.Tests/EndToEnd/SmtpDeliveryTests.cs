using System.Net;
using System.Net.Sockets;
using CareTransitions.Notifications;
using CareTransitions.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using MimeKit;
using Platform.Mail;

namespace CareTransitions.Tests.EndToEnd;

/// <summary>
/// The notification sender (MailKit) against a real SMTP server, maildev: STARTTLS and TLS on connect with a
/// self-signed certificate made for the test and trusted by its thumbprint only, a login, and the reasons it gives
/// when the server refuses, is away or does not answer.
/// </summary>
public sealed class SmtpDeliveryTests : IDisposable
{
    private const string User = "vardovergang";
    private const string Password = "rätt-lösenord";

    private readonly TestCertificate certificate = TestCertificate.Create();
    private readonly string directory = System.IO.Directory.CreateTempSubdirectory("ct-smtp-").FullName;

    [Fact]
    public async Task An_email_goes_over_STARTTLS_with_a_login_and_a_resend_keeps_its_Message_ID()
    {
        await using var mail = await Maildev.StartAsync(new MaildevOptions(MaildevTls.StartTls, this.certificate, User, Password));
        var sender = this.Sender(new SmtpOptions
        {
            Host = "127.0.0.1", Port = mail.SmtpPort, Security = SmtpSecurity.StartTls, UserName = User, Password = Password,
            TrustedCertificateThumbprint = this.certificate.Sha256Thumbprint,
        });
        var email = Email(sender);

        await sender.SendAsync(email, CancellationToken.None);
        await sender.SendAsync(email, CancellationToken.None);

        var received = await mail.WaitForAsync(e => e.Subject == email.Subject, 1);
        Assert.Equal(2, (await mail.AllAsync()).Count(e => e.Subject == email.Subject));
        Assert.All(received, e => Assert.Equal(email.MessageId, e.MessageId));
        Assert.Contains("Kvittera", received[0].Text, StringComparison.Ordinal);
        Assert.Contains("<p>", received[0].Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnableSsl_alone_means_STARTTLS_on_a_submission_port()
    {
        await using var mail = await Maildev.StartAsync(new MaildevOptions(MaildevTls.StartTls, this.certificate, User, Password));
        var sender = this.Sender(new SmtpOptions
        {
            Host = "127.0.0.1", Port = mail.SmtpPort, EnableSsl = true, UserName = User, Password = Password,
            TrustedCertificateThumbprint = this.certificate.Sha256Thumbprint,
        });

        await sender.SendAsync(Email(sender), CancellationToken.None);

        await mail.WaitForAsync(_ => true, 1);
    }

    [Fact]
    public async Task A_server_that_does_not_offer_STARTTLS_is_refused_rather_than_spoken_to_in_clear()
    {
        // maildev's own plain SMTP: no STARTTLS in its EHLO answer, and it would take the login and the email unencrypted.
        await using var mail = await Maildev.StartAsync(new MaildevOptions(MaildevTls.None, User: User, Password: Password));
        var sender = this.Sender(new SmtpOptions { Host = "127.0.0.1", Port = mail.SmtpPort, Security = SmtpSecurity.StartTls, UserName = User, Password = Password });

        var failure = await Assert.ThrowsAsync<SmtpDeliveryException>(() => sender.SendAsync(Email(sender), CancellationToken.None));

        Assert.Equal($"127.0.0.1:{mail.SmtpPort} does not offer STARTTLS", failure.Message);
        Assert.Empty(await mail.AllAsync());
    }

    [Fact]
    public async Task An_email_goes_over_TLS_on_connect()
    {
        await using var mail = await Maildev.StartAsync(new MaildevOptions(MaildevTls.Implicit, this.certificate, User, Password));
        var sender = this.Sender(new SmtpOptions
        {
            Host = "127.0.0.1", Port = mail.SmtpPort, Security = SmtpSecurity.SslOnConnect, UserName = User, Password = Password,
            TrustedCertificateThumbprint = this.certificate.Sha256Thumbprint,
        });
        var email = Email(sender);

        await sender.SendAsync(email, CancellationToken.None);

        Assert.Equal(email.MessageId, Assert.Single(await mail.WaitForAsync(_ => true, 1)).MessageId);
    }

    [Fact]
    public async Task A_certificate_nobody_vouches_for_is_refused_as_a_failed_TLS_handshake()
    {
        await using var mail = await Maildev.StartAsync(new MaildevOptions(MaildevTls.StartTls, this.certificate));
        using var other = TestCertificate.Create();
        var sender = this.Sender(new SmtpOptions
        {
            Host = "127.0.0.1", Port = mail.SmtpPort, Security = SmtpSecurity.StartTls, TrustedCertificateThumbprint = other.Sha256Thumbprint,
        });

        var failure = await Assert.ThrowsAsync<SmtpDeliveryException>(() => sender.SendAsync(Email(sender), CancellationToken.None));

        Assert.StartsWith($"TLS handshake with 127.0.0.1:{mail.SmtpPort} failed", failure.Message, StringComparison.Ordinal);
        Assert.Empty(await mail.AllAsync());
    }

    [Fact]
    public async Task A_wrong_password_fails_with_a_reason_that_does_not_contain_it()
    {
        await using var mail = await Maildev.StartAsync(new MaildevOptions(MaildevTls.StartTls, this.certificate, User, Password));
        var sender = this.Sender(new SmtpOptions
        {
            Host = "127.0.0.1", Port = mail.SmtpPort, Security = SmtpSecurity.StartTls, UserName = User, Password = "fel-lösenord",
            TrustedCertificateThumbprint = this.certificate.Sha256Thumbprint,
        });

        var failure = await Assert.ThrowsAsync<SmtpDeliveryException>(() => sender.SendAsync(Email(sender), CancellationToken.None));

        Assert.Equal($"authentication failed for the configured user at 127.0.0.1:{mail.SmtpPort}", failure.Message);
        Assert.DoesNotContain("fel-lösenord", failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_is_down_fails_with_connection_refused()
    {
        await using var mail = await Maildev.StartAsync();
        await mail.StopAsync();
        var sender = this.Sender(new SmtpOptions { Host = "127.0.0.1", Port = mail.SmtpPort });

        var failure = await Assert.ThrowsAsync<SmtpDeliveryException>(() => sender.SendAsync(Email(sender), CancellationToken.None));

        Assert.Equal($"cannot connect to 127.0.0.1:{mail.SmtpPort} (connection refused)", failure.Message);
    }

    [Fact]
    public async Task A_server_that_never_greets_times_out_after_the_configured_seconds()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var sender = this.Sender(new SmtpOptions { Host = "127.0.0.1", Port = port, TimeoutSeconds = 1 });

        var started = DateTime.UtcNow;
        var failure = await Assert.ThrowsAsync<SmtpDeliveryException>(() => sender.SendAsync(Email(sender), CancellationToken.None));

        Assert.Equal($"timed out after 1 s at 127.0.0.1:{port}", failure.Message);
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Without_a_host_the_email_is_an_eml_file_named_by_its_Message_ID()
    {
        var sender = this.Sender(new SmtpOptions { Host = "" });
        var email = Email(sender);

        await sender.SendAsync(email, CancellationToken.None);
        await sender.SendAsync(email, CancellationToken.None);

        var file = Assert.Single(System.IO.Directory.GetFiles(Path.Combine(this.directory, "mail-pickup"), "*.eml"));
        using var written = await MimeMessage.LoadAsync(file);
        Assert.Equal(email.MessageId, $"<{written.MessageId}>");
        Assert.Equal(email.Subject, written.Subject);
        Assert.Equal(email.To, Assert.Single(written.To.Mailboxes).Address);
        Assert.Contains("Kvittera", written.TextBody, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        this.certificate.Dispose();
        System.IO.Directory.Delete(this.directory, recursive: true);
    }

    private SmtpEmailSender Sender(SmtpOptions smtp) => new(Options.Create(smtp), Topology.From(("Storage:Directory", this.directory)));

    private static EmailMessage Email(SmtpEmailSender sender)
    {
        var id = "ct-" + Guid.NewGuid().ToString("N")[..12];
        return new EmailMessage(
            MessageIds.For(id, "1480-hemsjukvard", NotificationKind.Notification, string.Empty, sender.MessageIdDomain),
            "hemsjukvard@kommun.example.se",
            $"Vårdövergång från Avdelning 12 Medicin: kvittering begärs ({id})",
            "Kvittera att ni tagit emot vårdövergången:\nhttp://127.0.0.1/ack/abc\n",
            "<p>Kvittera att ni tagit emot vårdövergången</p>");
    }
}
