namespace Platform.Mail;

/// <summary>
/// The mail server and sender of every email the service sends (the notifications and the monthly report): section
/// <c>Smtp</c>, bound once (<see cref="SmtpServiceCollectionExtensions.AddSmtpOptions"/>). No <see cref="Host"/> means
/// .eml files in <see cref="PickupDirectory"/>, a Development convenience.
/// </summary>
public sealed class SmtpOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Smtp";

    /// <summary>The server's name or address; empty writes .eml files to <see cref="PickupDirectory"/> instead.</summary>
    public string? Host { get; set; }

    /// <summary>25, 587 (submission, STARTTLS) or 465 (TLS on connect).</summary>
    public int Port { get; set; } = 25;

    /// <summary>The sender, also the domain of the Message-IDs.</summary>
    public string From { get; set; } = "Vardovergang <noreply@vardovergang.example.se>";

    /// <summary>TLS when <see cref="Security"/> is Auto: on connect for port 465, STARTTLS otherwise.</summary>
    public bool EnableSsl { get; set; }

    /// <summary>Logs in when set.</summary>
    public string? UserName { get; set; }

    /// <summary>With <see cref="UserName"/>.</summary>
    public string? Password { get; set; }

    /// <summary>Relative paths are under the storage directory (<c>Storage:Directory</c>).</summary>
    public string PickupDirectory { get; set; } = "mail-pickup";

    /// <summary><c>Auto</c> (<see cref="EnableSsl"/> decides), <c>None</c>, <c>StartTls</c> or <c>SslOnConnect</c>.</summary>
    public SmtpSecurity Security { get; set; }

    /// <summary>Each network step of the SMTP conversation (connect, every read and write) gives up after this.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>SHA-256 thumbprint (hex) of one server certificate to accept although no trusted authority signed it.</summary>
    public string? TrustedCertificateThumbprint { get; set; }

    /// <summary>The server to talk to, or null in pickup-folder mode.</summary>
    public SmtpServer? Server => string.IsNullOrWhiteSpace(this.Host)
        ? null
        : new(this.Host.Trim(), this.Port, this.Security, this.EnableSsl, this.UserName, this.Password, TimeSpan.FromSeconds(this.TimeoutSeconds), this.TrustedCertificateThumbprint);

    /// <summary>Values the binder could not have converted, one line each; <see cref="SmtpOptionsValidator"/> stops the start for them.</summary>
    internal IReadOnlyList<string> Unreadable { get; set; } = [];

    /// <summary>The folder .eml files go to without a <see cref="Host"/>: <see cref="PickupDirectory"/> under <paramref name="storageDirectory"/>.</summary>
    public string PickupDirectoryUnder(string storageDirectory) => Path.Combine(storageDirectory, this.PickupDirectory);
}
