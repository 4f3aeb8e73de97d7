using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Dashboard.Reports;

/// <summary>
/// The monthly steering-group report's settings: section <c>Reports</c>. Its email goes through the service's own
/// <c>Smtp</c> section (<see cref="Platform.Mail.SmtpOptions"/>).
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

    /// <summary>Values that could not be read (one line each); <see cref="ReportOptionsValidator"/> stops the start for them.</summary>
    internal IReadOnlyList<string> Unreadable { get; init; } = [];

    /// <param name="configuration">The whole configuration: <c>Reports</c> and <c>PublicBaseUrl</c> are read.</param>
    /// <param name="storageDirectory">The folder beside the statistics database; a relative archive path is under it.</param>
    /// <exception cref="InvalidOperationException">A value that cannot be read or used.</exception>
    public static ReportOptions From(IConfiguration configuration, string storageDirectory)
    {
        var options = Read(configuration, storageDirectory);
        var problems = new ReportOptionsValidator().Validate(null, options);
        return problems.Failed ? throw new InvalidOperationException(problems.Failures.First()) : options;
    }

    /// <summary>The settings as far as they can be read; what cannot is in <see cref="Unreadable"/>, for the settings check at start.</summary>
    /// <param name="configuration">The whole configuration: <c>Reports</c> and <c>PublicBaseUrl</c> are read.</param>
    /// <param name="storageDirectory">The folder beside the statistics database; a relative archive path is under it.</param>
    internal static ReportOptions Read(IConfiguration configuration, string storageDirectory)
    {
        var unreadable = new List<string>();
        var section = configuration.GetSection(SectionName);
        var options = new ReportOptions
        {
            Enabled = Bool(section, "Enabled", unreadable),
            Recipients = Addresses(section.GetSection("Recipients")),
            BlobConnectionString = NonEmpty(section["BlobConnectionString"]),
            BlobServiceUri = BlobEndpoint(section, "BlobServiceUri", unreadable),
            ManagedIdentityClientId = ClientId(section, "ManagedIdentityClientId", unreadable),
            BlobContainer = NonEmpty(section["BlobContainer"]) ?? "styrgruppsrapporter",
            LocalDirectory = Path.Combine(storageDirectory, NonEmpty(section["LocalDirectory"]) ?? "reports"),
            ReformDate = Date(section, "ReformDate", unreadable),
            TrendMonths = Int(section, "TrendMonths", unreadable) ?? 12,
            PublicBaseUrl = NonEmpty(configuration["PublicBaseUrl"])?.TrimEnd('/'),
            Unreadable = unreadable,
        };
        return options;
    }

    // Either a list (Recipients:0, Recipients:1, as JSON arrays bind) or one string separated by commas or semicolons.
    private static List<string> Addresses(IConfigurationSection section) =>
        (section.Value is { } single ? [single] : section.GetChildren().Select(c => c.Value ?? string.Empty))
        .SelectMany(v => v.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        .Distinct(StringComparer.OrdinalIgnoreCase)
        .ToList();

    private static bool Bool(IConfigurationSection section, string key, List<string> unreadable)
    {
        if (NonEmpty(section[key]) is not { } text)
        {
            return false;
        }
        if (!bool.TryParse(text, out var value))
        {
            unreadable.Add($"{section.Path}:{key}='{text}' must be true or false.");
        }
        return value;
    }

    private static int? Int(IConfigurationSection section, string key, List<string> unreadable)
    {
        if (NonEmpty(section[key]) is not { } text)
        {
            return null;
        }
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            unreadable.Add($"{section.Path}:{key}='{text}' must be a whole number, e.g. 12.");
            return null;
        }
        return value;
    }

    private static DateOnly? Date(IConfigurationSection section, string key, List<string> unreadable)
    {
        if (NonEmpty(section[key]) is not { } text)
        {
            return null;
        }
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            unreadable.Add($"{section.Path}:{key}='{text}' must be a date written yyyy-MM-dd, e.g. 2025-11-22.");
            return null;
        }
        return date;
    }

    // https only: the Azure SDK sends a bearer token over TLS alone, so an http endpoint would fail at the first upload.
    private static Uri? BlobEndpoint(IConfigurationSection section, string key, List<string> unreadable)
    {
        if (NonEmpty(section[key]) is not { } text)
        {
            return null;
        }
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            unreadable.Add(
                $"{section.Path}:{key}='{text}' must be the storage account's absolute https blob endpoint, e.g. https://myaccount.blob.core.windows.net/ (tokens are not sent over http; for Azurite use BlobConnectionString, or start it with --oauth basic --cert --key).");
            return null;
        }
        return uri;
    }

    private static string? ClientId(IConfigurationSection section, string key, List<string> unreadable)
    {
        if (NonEmpty(section[key]) is not { } text)
        {
            return null;
        }
        if (!Guid.TryParse(text, out _))
        {
            unreadable.Add($"{section.Path}:{key}='{text}' must be the managed identity's client id (a GUID), or empty for DefaultAzureCredential.");
            return null;
        }
        return text;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
