using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MailKit.Net.Smtp;
using MimeKit;

namespace Platform.Mail;

/// <summary>
/// One SMTP conversation with MailKit: connect (TLS as configured), authenticate, send, quit. Every failure comes out
/// as an <see cref="SmtpDeliveryException"/> whose message is a short reason without personal data.
/// </summary>
public static class SmtpConnection
{
    /// <summary>Sends <paramref name="message"/>; a cancellation by <paramref name="cancellationToken"/> is passed on as is.</summary>
    public static async Task SendAsync(SmtpServer server, MimeMessage message, CancellationToken cancellationToken)
    {
        try
        {
            using var client = await OpenAsync(server, authenticate: true, cancellationToken);
            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not SmtpDeliveryException)
        {
            throw new SmtpDeliveryException(SmtpFailureReason.Describe(e, server), e);
        }
    }

    /// <summary>Connects, greets (EHLO) and secures the connection, and authenticates when asked and configured.</summary>
    public static async Task<SmtpClient> OpenAsync(SmtpServer server, bool authenticate, CancellationToken cancellationToken)
    {
        // MailKit's Timeout bounds each network operation (connect, every read and write), not the whole conversation,
        // so a large report on a slow link is not cut off while it still moves.
        var client = new SmtpClient { Timeout = (int)server.Timeout.TotalMilliseconds };
        if (server.TrustedCertificateThumbprint is { Length: > 0 } thumbprint)
        {
            client.ServerCertificateValidationCallback = (_, certificate, _, errors) =>
                errors == SslPolicyErrors.None || IsPinned(certificate, thumbprint);
        }

        try
        {
            await client.ConnectAsync(server.Host, server.Port, server.SocketOptions, cancellationToken);
            if (authenticate && server.UserName is { Length: > 0 } user)
            {
                await client.AuthenticateAsync(user, server.Password ?? string.Empty, cancellationToken);
            }

            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static bool IsPinned(X509Certificate? certificate, string thumbprint) =>
        certificate is not null &&
        string.Equals(certificate.GetCertHashString(HashAlgorithmName.SHA256), thumbprint.Replace(":", string.Empty, StringComparison.Ordinal).Trim(), StringComparison.OrdinalIgnoreCase);
}
