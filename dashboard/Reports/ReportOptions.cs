using System.Globalization;
using Dashboard.Mail;
using Microsoft.Extensions.Configuration;

namespace Dashboard.Reports;

/// <summary>
/// The monthly steering-group report's settings: section <c>Reports</c>, plus the mail server from the service's
/// own <c>Smtp</c> section.
/// </summary>
internal sealed class ReportOptions
{
    public const string SectionName = "Reports";

    /// <summary>Whether the schedule sends reports; producing one on demand works either way.</summary>
    public bool Enabled { get; init; }

    /// <summary>The steering group's addresses.</summary>
    public IReadOnlyList<string> Recipients { get; init; } = [];

    /// <summary>Azure Blob Storage (or Azurite); empty keeps the archive in <see cref="LocalDirectory"/>.</summary>
    public string? BlobConnectionString { get; init; }

    /// <summary>
    /// The storage account's blob endpoint, reached with a managed identity's token (Azure, where the account takes no
    /// shared keys). <see cref="BlobConnectionString"/> wins when both are set.
    /// </summary>
    public Uri? BlobServiceUri { get; init; }

    /// <summary>The user-assigned managed identity's client id for <see cref="BlobServiceUri"/>; empty uses DefaultAzureCredential.</summary>
    public string? ManagedIdentityClientId { get; init; }

    public string BlobContainer { get; init; } = "styrgruppsrapporter";

    public string LocalDirectory { get; init; } = "data/reports";

    /// <summary>The day a new way of working started: the report compares before with after when set.</summary>
    public DateOnly? ReformDate { get; init; }

    /// <summary>Months in the trend charts and table, the report month last.</summary>
    public int TrendMonths { get; init; } = 12;

    /// <summary>Where links in the email point (the service's <c>PublicBaseUrl</c>), if known.</summary>
    public string? PublicBaseUrl { get; init; }

    public SmtpSettings Smtp { get; init; } = new();

    /// <param name="configuration">The whole configuration: <c>Reports</c>, <c>Smtp</c> and <c>PublicBaseUrl</c> are read.</param>
    /// <param name="storageDirectory">The folder beside the statistics database; relative archive and pickup paths are under it.</param>
    public static ReportOptions From(IConfiguration configuration, string storageDirectory)
    {
        var section = configuration.GetSection(SectionName);
        var smtp = configuration.GetSection("Smtp");
        var options = new ReportOptions
        {
            Enabled = Bool(section, "Enabled"),
            Recipients = Addresses(section.GetSection("Recipients")),
            BlobConnectionString = NonEmpty(section["BlobConnectionString"]),
            BlobServiceUri = BlobEndpoint(section, "BlobServiceUri"),
            ManagedIdentityClientId = ClientId(section, "ManagedIdentityClientId"),
            BlobContainer = NonEmpty(section["BlobContainer"]) ?? "styrgruppsrapporter",
            LocalDirectory = Path.Combine(storageDirectory, NonEmpty(section["LocalDirectory"]) ?? "reports"),
            ReformDate = Date(section, "ReformDate"),
            TrendMonths = NonEmpty(section["TrendMonths"]) is { } months ? int.Parse(months, CultureInfo.InvariantCulture) : 12,
            PublicBaseUrl = NonEmpty(configuration["PublicBaseUrl"])?.TrimEnd('/'),
            Smtp = new SmtpSettings
            {
                Host = NonEmpty(smtp["Host"]),
                Port = NonEmpty(smtp["Port"]) is { } port ? int.Parse(port, CultureInfo.InvariantCulture) : 25,
                From = NonEmpty(smtp["From"]) ?? "Vardovergang <noreply@vardovergang.example.se>",
                EnableSsl = Bool(smtp, "EnableSsl"),
                UserName = NonEmpty(smtp["UserName"]),
                Password = NonEmpty(smtp["Password"]),
                PickupDirectory = Path.Combine(storageDirectory, NonEmpty(smtp["PickupDirectory"]) ?? "mail-pickup"),
                Security = NonEmpty(smtp["Security"]) is { } security
                    ? Enum.TryParse<SmtpSecurity>(security, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                        ? parsed
                        : throw new InvalidOperationException($"Smtp:Security='{security}' must be Auto, None, StartTls or SslOnConnect.")
                    : SmtpSecurity.Auto,
                TimeoutSeconds = NonEmpty(smtp["TimeoutSeconds"]) is { } seconds ? int.Parse(seconds, CultureInfo.InvariantCulture) : 30,
                TrustedCertificateThumbprint = NonEmpty(smtp["TrustedCertificateThumbprint"]),
            },
        };
        if (options.Enabled && options.Recipients.Count == 0)
        {
            throw new InvalidOperationException(
                "Reports:Enabled is true but Reports:Recipients is empty: give the steering group's addresses, e.g. Reports:Recipients:0=styrgrupp@kommun.se (or a comma-separated list).");
        }
        if (options.TrendMonths is < 1 or > 120)
        {
            throw new InvalidOperationException($"Reports:TrendMonths={options.TrendMonths} must be between 1 and 120.");
        }
        return options;
    }

    // Either a list (Recipients:0, Recipients:1, as JSON arrays bind) or one string separated by commas or semicolons.
    private static List<string> Addresses(IConfigurationSection section) =>
        (section.Value is { } single ? [single] : section.GetChildren().Select(c => c.Value ?? string.Empty))
        .SelectMany(v => v.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        .Distinct(StringComparer.OrdinalIgnoreCase)
        .ToList();

    private static bool Bool(IConfigurationSection section, string key) =>
        NonEmpty(section[key]) is { } text && (bool.TryParse(text, out var value)
            ? value
            : throw new InvalidOperationException($"{section.Path}:{key}='{text}' must be true or false."));

    private static DateOnly? Date(IConfigurationSection section, string key) =>
        NonEmpty(section[key]) is { } text
            ? DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date
                : throw new InvalidOperationException($"{section.Path}:{key}='{text}' must be a date written yyyy-MM-dd, e.g. 2025-11-22.")
            : null;

    // https only: the Azure SDK sends a bearer token over TLS alone, so an http endpoint would fail at the first upload.
    private static Uri? BlobEndpoint(IConfigurationSection section, string key) =>
        NonEmpty(section[key]) is { } text
            ? Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
                ? uri
                : throw new InvalidOperationException(
                    $"{section.Path}:{key}='{text}' must be the storage account's absolute https blob endpoint, e.g. https://myaccount.blob.core.windows.net/ (tokens are not sent over http; for Azurite use BlobConnectionString, or start it with --oauth basic --cert --key).")
            : null;

    private static string? ClientId(IConfigurationSection section, string key) =>
        NonEmpty(section[key]) is { } text
            ? Guid.TryParse(text, out _)
                ? text
                : throw new InvalidOperationException($"{section.Path}:{key}='{text}' must be the managed identity's client id (a GUID), or empty for DefaultAzureCredential.")
            : null;

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>The service's <c>Smtp</c> section. No <see cref="Host"/> means .eml files in <see cref="PickupDirectory"/>.</summary>
internal sealed class SmtpSettings
{
    public string? Host { get; init; }

    public int Port { get; init; } = 25;

    public string From { get; init; } = "Vardovergang <noreply@vardovergang.example.se>";

    /// <summary>TLS when <see cref="Security"/> is Auto: on connect for port 465, STARTTLS otherwise.</summary>
    public bool EnableSsl { get; init; }

    public SmtpSecurity Security { get; init; }

    public int TimeoutSeconds { get; init; } = 30;

    public string? TrustedCertificateThumbprint { get; init; }

    public string? UserName { get; init; }

    public string? Password { get; init; }

    public string PickupDirectory { get; init; } = "data/mail-pickup";

    /// <summary>The server to talk to, or null in pickup-folder mode.</summary>
    public SmtpServer? Server => this.Host is { } host
        ? new SmtpServer(host, this.Port, this.Security, this.EnableSsl, this.UserName, this.Password, TimeSpan.FromSeconds(this.TimeoutSeconds), this.TrustedCertificateThumbprint)
        : null;
}
