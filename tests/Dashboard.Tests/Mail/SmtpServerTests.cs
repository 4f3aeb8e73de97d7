using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Platform.Mail;

namespace Dashboard.Tests.Mail;

public sealed class SmtpServerTests
{
    [Theory]
    [InlineData(SmtpSecurity.Auto, true, 465, SecureSocketOptions.SslOnConnect)]
    [InlineData(SmtpSecurity.Auto, true, 587, SecureSocketOptions.StartTls)]
    [InlineData(SmtpSecurity.Auto, true, 25, SecureSocketOptions.StartTls)]
    [InlineData(SmtpSecurity.Auto, false, 465, SecureSocketOptions.None)]
    [InlineData(SmtpSecurity.Auto, false, 25, SecureSocketOptions.None)]
    [InlineData(SmtpSecurity.StartTls, false, 465, SecureSocketOptions.StartTls)]
    [InlineData(SmtpSecurity.SslOnConnect, false, 2525, SecureSocketOptions.SslOnConnect)]
    [InlineData(SmtpSecurity.None, true, 587, SecureSocketOptions.None)]
    public void SocketOptions_SecurityEnableSslAndPort_AreResolvedAsDocumented(SmtpSecurity security, bool enableSsl, int port, SecureSocketOptions expected)
    {
        var server = new SmtpServer("smtp.example.se", port, security, enableSsl, null, null, TimeSpan.FromSeconds(30));

        Assert.Equal(expected, server.SocketOptions);
    }

    [Fact]
    public void Describe_RecipientRefused_NamesTheCodeAndServerButNotTheAddressOrTheServersText()
    {
        var server = new SmtpServer("smtp.example.se", 587, SmtpSecurity.StartTls, false, null, null, TimeSpan.FromSeconds(30));
        var refused = new SmtpCommandException(
            SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxUnavailable, MailboxAddress.Parse("anna.andersson@kommun.example.se"),
            "5.1.1 <anna.andersson@kommun.example.se>: Recipient address rejected: User unknown");

        var reason = SmtpFailureReason.Describe(refused, server);

        Assert.Equal("SMTP 550 mailbox unavailable (recipient refused) at smtp.example.se:587", reason);
    }
}
