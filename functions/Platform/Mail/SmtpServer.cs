using MailKit.Security;

namespace Platform.Mail;

/// <summary>How the connection to the mail server is secured (<c>Smtp:Security</c>).</summary>
public enum SmtpSecurity
{
    /// <summary><c>Smtp:EnableSsl</c> decides: true is TLS on connect for port 465 and STARTTLS (required) otherwise; false is no TLS.</summary>
    Auto,

    /// <summary>Plain SMTP, no TLS.</summary>
    None,

    /// <summary>Plain connection upgraded with STARTTLS; a server that does not offer it is an error.</summary>
    StartTls,

    /// <summary>TLS from the first byte (implicit TLS, usually port 465).</summary>
    SslOnConnect,
}

/// <summary>
/// The mail server both the notification emails and the monthly report use, as the service's <c>Smtp</c> section
/// describes it.
/// </summary>
/// <param name="Host">The server's name or address.</param>
/// <param name="Port">25, 587 (submission, STARTTLS) or 465 (TLS on connect).</param>
/// <param name="Security">How the connection is secured.</param>
/// <param name="EnableSsl">The older setting <see cref="SmtpSecurity.Auto"/> goes by.</param>
/// <param name="UserName">Logs in when set.</param>
/// <param name="Password">With <paramref name="UserName"/>.</param>
/// <param name="Timeout">For each network step: connect, every read and every write.</param>
/// <param name="TrustedCertificateThumbprint">
/// The SHA-256 thumbprint (hex) of one server certificate to accept although no trusted authority signed it, e.g. an
/// internal relay's self-signed certificate. Every other certificate is still validated as usual.
/// </param>
public sealed record SmtpServer(
    string Host,
    int Port,
    SmtpSecurity Security,
    bool EnableSsl,
    string? UserName,
    string? Password,
    TimeSpan Timeout,
    string? TrustedCertificateThumbprint = null)
{
    /// <summary>Where the server is, for failure reasons and logs (no credentials).</summary>
    public string Address => $"{this.Host}:{this.Port}";

    /// <summary>The security actually used; <see cref="SmtpSecurity.Auto"/> resolved as MailKit's Auto does, when EnableSsl asks for TLS.</summary>
    public SecureSocketOptions SocketOptions => this.Security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        // IMPORTANT: EnableSsl=false stays plain SMTP, as it was with System.Net.Mail; no opportunistic STARTTLS
        // that would start failing on a relay whose certificate this host does not trust.
        _ when !this.EnableSsl => SecureSocketOptions.None,
        _ => this.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls,
    };
}
