namespace CareTransitions.Configuration;

// Every configuration section this library reads, in one place. Each class is bound from the section
// of the same name in appsettings.json (or environment variables such as Intake__ApiKey). What it shares with the
// dashboard and the durable backend is in functions/Platform: Smtp (Mail/SmtpOptions) and where the stores are
// (Storage/StorageTopology: Storage, ConnectionStrings:Postgres, the stores' keys under Statistics and Durable).

/// <summary>Section <c>Intake</c>.</summary>
internal sealed class IntakeOptions
{
    /// <summary>The key callers send in <c>x-functions-key</c>, for any ward. Generated in Development when unset.</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// Whether <see cref="ApiKey"/> also opens the coordinators' API, as it did before December 2026. Unset: only in
    /// Development. A warning at start says when it is on.
    /// </summary>
    public bool? ApiKeyOpensCoordinatorApi { get; set; }

    /// <summary><c>Intake:Senders:{name}</c>: each regional sending system's own key and the wards it may send for.</summary>
    public Dictionary<string, SenderOptions> Senders { get; set; } = [];

    /// <summary>Messages one key may send to one instance a minute (a steady rate, bursts up to it); beyond, 429 with Retry-After.</summary>
    public int PermitsPerMinute { get; set; } = 3000;
}

/// <summary>One sending system: its key, and the care providers (<c>SE2321000131</c>: all their wards) or wards it sends for.</summary>
internal sealed class SenderOptions
{
    public string? Key { get; set; }

    /// <summary>HSA-ids separated by commas: a care provider's (SE + 10 digits) or a ward's.</summary>
    public string? SendsFor { get; set; }

    public IReadOnlyList<string> SendsForList =>
        (this.SendsFor ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>Section <c>Coordinators</c>.</summary>
internal sealed class CoordinatorOptions
{
    /// <summary><c>Coordinators:ApiKeys:{name}</c>: keys that open the coordinators' API (besides a signed-in Samordnare).</summary>
    public Dictionary<string, string> ApiKeys { get; set; } = [];

    /// <summary>
    /// <c>Coordinators:Scopes:{name}</c>: what the key of the same name reaches, comma-separated municipality codes,
    /// ward or care-provider HSA-ids and unit ids. A key without one reaches every transition.
    /// </summary>
    public Dictionary<string, string> Scopes { get; set; } = [];
}

/// <summary>Section <c>Directory</c>: the units directory (enhetskatalog).</summary>
internal sealed class DirectoryOptions
{
    public string Path { get; set; } = System.IO.Path.Combine(AppContext.BaseDirectory, "Directory", "units.json");
}

/// <summary>Section <c>Workflow</c>.</summary>
internal sealed class WorkflowOptions
{
    public TimeSpan ReminderAfter { get; set; } = TimeSpan.FromHours(4);

    public TimeSpan EscalateAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Within this time of a unit's last update email, later changes wait and go out together in one email,
    /// so a burst of messages on one episode cannot flood a unit's inbox. Zero sends each change at once.
    /// </summary>
    public TimeSpan UpdateEmailWindow { get; set; } = TimeSpan.FromMinutes(10);

    public OfficeHoursOptions OfficeHours { get; set; } = new();

    /// <summary>The payment-responsibility rule used where no municipality-specific one is configured.</summary>
    public string DefaultPaymentRule { get; set; } = "Default3Days";

    /// <summary>Municipality code → rule name, for regional agreements (e.g. Stockholm county).</summary>
    public Dictionary<string, string> PaymentRuleByMunicipality { get; set; } = [];

    /// <summary>Rules by name, in addition to the built-in Default3Days and Stockholm.</summary>
    public Dictionary<string, Workflow.PaymentResponsibilityRule> PaymentRules { get; set; } = [];
}

/// <summary>When escalations go to the escalation contact rather than the on-call contact.</summary>
internal sealed class OfficeHoursOptions
{
    public string TimeZone { get; set; } = "Europe/Stockholm";

    public TimeOnly Opens { get; set; } = new(8, 0);

    public TimeOnly Closes { get; set; } = new(17, 0);

    /// <summary>Swedish public holidays (and midsummer, Christmas and New Year's eves) count as outside office hours.</summary>
    public bool ClosedOnHolidays { get; set; } = true;

    /// <summary>Comma-separated English day names; empty means never (every escalation goes to on-call).</summary>
    /// <remarks>A string, not a list: binding a list appends to its default instead of replacing it.</remarks>
    public string Days { get; set; } = "Monday,Tuesday,Wednesday,Thursday,Friday";

    public IReadOnlyList<DayOfWeek> ParseDays() => SplitDays(this.Days)
        .Select(d => Enum.Parse<DayOfWeek>(d, ignoreCase: true))
        .ToList();

    internal static string[] SplitDays(string? days) =>
        (days ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    // Names only: Enum.Parse would also take "7" or "Mon,Tue" as numbers.
    internal static bool IsDayName(string day) => Enum.GetNames<DayOfWeek>().Contains(day, StringComparer.OrdinalIgnoreCase);
}

/// <summary>Section <c>Acknowledgements</c>.</summary>
internal sealed class AcknowledgementOptions
{
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Requests per minute and client address on /ack.</summary>
    public int PermitsPerMinute { get; set; } = 60;
}

/// <summary>Section <c>Privacy</c>.</summary>
internal sealed class PrivacyOptions
{
    /// <summary>Secret key (base64, ≥ 32 bytes) for patient pseudonyms. Generated and kept in the storage directory in Development.</summary>
    public string? PseudonymKey { get; set; }
}

/// <summary>The root setting <c>PublicBaseUrl</c>, as configured.</summary>
internal sealed class PublicUrlOptions
{
    public const string Key = "PublicBaseUrl";

    public string BaseUrl { get; set; } = "http://localhost:5080";
}

/// <summary>The root setting <c>PublicBaseUrl</c>: where staff reach this service from their email.</summary>
internal sealed record PublicUrls(string BaseUrl)
{
    public string Ack(string token) => $"{this.BaseUrl}/ack/{token}";

    public string Transition(string id) => $"{this.BaseUrl}/api/transitions/{Uri.EscapeDataString(id)}";

    /// <summary>The handover page (sign-in required): the transition id is a hash, so the link reveals nothing about the patient.</summary>
    public string Handover(string transitionId) => $"{this.BaseUrl}{HandoverPath(transitionId)}";

    public static string HandoverPath(string transitionId) => $"/overlamning/{Uri.EscapeDataString(transitionId)}";
}
