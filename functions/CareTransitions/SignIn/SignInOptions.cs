namespace CareTransitions.SignIn;

/// <summary>How people sign in to the standalone service: <c>OpenIdConnect</c>, <c>Open</c> (Development only) or not at all.</summary>
internal enum SignInMode
{
    /// <summary>No identity provider is configured: the dashboard and the coordinators' pages answer 503.</summary>
    NotConfigured,

    /// <summary>The region's identity provider (authorization code flow with PKCE), then a cookie session.</summary>
    OpenIdConnect,

    /// <summary>Development only: every request is a developer with both roles, logged as a warning at start.</summary>
    Open,
}

/// <summary>
/// Section <c>Authentication</c>: <c>Mode</c>, <c>OpenIdConnect:*</c>, <c>Roles:*</c> and <c>Claims:*</c>. The dashboard's older keys
/// <c>Statistics:RoleClaimType</c> and <c>Statistics:RequiredRole</c> are the fallbacks of <c>OpenIdConnect:RoleClaimType</c>
/// and <c>Roles:SteeringGroup</c>, so a deployment that set them keeps its meaning.
/// </summary>
internal sealed class SignInOptions
{
    public const string SectionName = "Authentication";

    /// <summary><c>OpenIdConnect</c>, <c>Open</c>, or empty: OpenIdConnect when an authority is configured, otherwise not configured.</summary>
    public string? Mode { get; set; }

    public OpenIdConnectSettings OpenIdConnect { get; set; } = new();

    public RoleNames Roles { get; set; } = new();

    public StaffClaimNames Claims { get; set; } = new();

    /// <summary>How long a session lasts without a request (sliding).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>The mode in effect; an unknown word is left to the validator, and means "not configured" until then.</summary>
    public SignInMode EffectiveMode => this.Mode?.Trim().ToUpperInvariant() switch
    {
        null or "" => string.IsNullOrWhiteSpace(this.OpenIdConnect.Authority) ? SignInMode.NotConfigured : SignInMode.OpenIdConnect,
        "OPENIDCONNECT" or "OIDC" => SignInMode.OpenIdConnect,
        "OPEN" => SignInMode.Open,
        _ => SignInMode.NotConfigured,
    };

    /// <summary>The section as configured, with the dashboard's older keys as fallbacks (the host needs it at registration).</summary>
    public static SignInOptions Read(IConfiguration configuration)
    {
        var options = new SignInOptions();
        Bind(options, configuration);
        return options;
    }

    public static void Bind(SignInOptions options, IConfiguration configuration)
    {
        configuration.GetSection(SectionName).Bind(options);
        var statistics = configuration.GetSection("Statistics");
        if (string.IsNullOrWhiteSpace(configuration[$"{SectionName}:OpenIdConnect:RoleClaimType"]) && !string.IsNullOrWhiteSpace(statistics["RoleClaimType"]))
        {
            options.OpenIdConnect.RoleClaimType = statistics["RoleClaimType"]!;
        }
        if (string.IsNullOrWhiteSpace(configuration[$"{SectionName}:Roles:SteeringGroup"]) && !string.IsNullOrWhiteSpace(statistics["RequiredRole"]))
        {
            options.Roles.SteeringGroup = statistics["RequiredRole"]!;
        }
    }
}

/// <summary>Section <c>Authentication:OpenIdConnect</c>: the service as a confidential client of the region's identity provider.</summary>
internal sealed class OpenIdConnectSettings
{
    /// <summary>The issuer, e.g. <c>https://login.microsoftonline.com/{tenant}/v2.0</c>; its discovery document is read from it.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    /// <summary>A secret: never logged or printed.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Space-separated scopes requested at sign-in.</summary>
    public string Scopes { get; set; } = "openid profile";

    /// <summary>The claim in the ID token that carries the user's roles (Entra ID app roles: <c>roles</c>).</summary>
    public string RoleClaimType { get; set; } = "roles";

    /// <summary>The claim shown as the user's name.</summary>
    public string NameClaimType { get; set; } = "name";

    /// <summary>Where the provider sends the user back with the code; registered at the provider as {PublicBaseUrl}{CallbackPath}.</summary>
    public string CallbackPath { get; set; } = "/signin-oidc";

    /// <summary>Where the provider sends the user back after signing out.</summary>
    public string SignedOutCallbackPath { get; set; } = "/signout-callback-oidc";
}

/// <summary>Section <c>Authentication:Roles</c>: the role values the provider sends, one per policy.</summary>
internal sealed class RoleNames
{
    /// <summary>The steering group (styrgruppen): the dashboard, statistics, exports and reports.</summary>
    public string SteeringGroup { get; set; } = "Styrgrupp";

    /// <summary>The coordinators (samordnare): the coordinators' API and pages.</summary>
    public string Coordinator { get; set; } = "Samordnare";
}

/// <summary>
/// Section <c>Authentication:Claims</c>: the ID token claims that say who a member of staff is and which units they work
/// for (<see cref="StaffIdentity"/>); the name stays <c>OpenIdConnect:NameClaimType</c>.
/// </summary>
internal sealed class StaffClaimNames
{
    /// <summary>The person's HSA-id, e.g. a SITHS-backed provider's <c>urn:sambi:names:attribute:employeeHsaId</c>.</summary>
    public string HsaId { get; set; } = "hsa_id";

    /// <summary>The HSA-ids of the person's units: several claims, one JSON array, or one space- or comma-separated string.</summary>
    public string UnitHsaIds { get; set; } = "unit_hsa_ids";
}
