using System.Net;
using Microsoft.Extensions.Options;

namespace CareTransitions.SignIn;

/// <summary>
/// Checks the <c>Authentication</c> section at start (ValidateOnStart): one line per problem, naming the key, the bad
/// value (never the client secret) and the fix. The open mode is refused outside Development here.
/// </summary>
internal sealed class SignInOptionsValidator(IHostEnvironment environment) : IValidateOptions<SignInOptions>
{
    public ValidateOptionsResult Validate(string? name, SignInOptions options)
    {
        var problems = new List<string>();
        var mode = options.Mode?.Trim();
        if (!string.IsNullOrEmpty(mode) && !Enum.TryParse<SignInMode>(mode, ignoreCase: true, out _) && !mode.Equals("oidc", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"Authentication:Mode='{mode}' is not a sign-in mode: use OpenIdConnect (the default when Authentication:OpenIdConnect:Authority is set) or Open (Development only).");
        }

        problems.AddRange(ClaimProblems(options));

        switch (options.EffectiveMode)
        {
            case SignInMode.Open when !environment.IsDevelopment():
                problems.Add($"Authentication:Mode=Open (everyone is signed in, no password) is only allowed in Development, and this is {environment.EnvironmentName}: "
                    + "remove it and set Authentication:OpenIdConnect:Authority, ClientId and ClientSecret.");
                break;
            case SignInMode.OpenIdConnect:
                ValidateOpenIdConnect(options, problems);
                break;
            case SignInMode.NotConfigured when !string.IsNullOrWhiteSpace(options.OpenIdConnect.ClientId) || !string.IsNullOrWhiteSpace(options.OpenIdConnect.ClientSecret):
                problems.Add("Authentication:OpenIdConnect:Authority is empty while a ClientId or ClientSecret is set: set it to the identity provider's issuer URL, e.g. https://login.microsoftonline.com/<tenant>/v2.0.");
                break;
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void ValidateOpenIdConnect(SignInOptions options, List<string> problems)
    {
        var oidc = options.OpenIdConnect;
        if (!Uri.TryCreate(oidc.Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
        {
            problems.Add($"Authentication:OpenIdConnect:Authority='{oidc.Authority}' is not an absolute https URL: set it to the identity provider's issuer, e.g. https://login.microsoftonline.com/<tenant>/v2.0.");
        }
        else if (authority.Scheme == "http" && !IsLoopback(authority))
        {
            problems.Add($"Authentication:OpenIdConnect:Authority='{oidc.Authority}' uses http: use the provider's https address (http is accepted on loopback only, for tests).");
        }

        if (string.IsNullOrWhiteSpace(oidc.ClientId))
        {
            problems.Add("Authentication:OpenIdConnect:ClientId is empty: set it to the client id the identity provider registered for this service.");
        }
        if (string.IsNullOrWhiteSpace(oidc.ClientSecret))
        {
            problems.Add("Authentication:OpenIdConnect:ClientSecret is empty: set it (as a secret, e.g. the environment variable Authentication__OpenIdConnect__ClientSecret) to the client secret the identity provider issued.");
        }
        if (string.IsNullOrWhiteSpace(oidc.RoleClaimType))
        {
            problems.Add("Authentication:OpenIdConnect:RoleClaimType is empty: set it to the ID token claim that carries roles (default roles).");
        }
        foreach (var (key, path) in new[] { (oidc.CallbackPath, "CallbackPath"), (oidc.SignedOutCallbackPath, "SignedOutCallbackPath") })
        {
            if (string.IsNullOrWhiteSpace(key) || !key.StartsWith('/'))
            {
                problems.Add($"Authentication:OpenIdConnect:{path}='{key}' must be a path starting with '/', e.g. /signin-oidc.");
            }
        }
        if (string.IsNullOrWhiteSpace(options.Roles.SteeringGroup) || string.IsNullOrWhiteSpace(options.Roles.Coordinator))
        {
            problems.Add("Authentication:Roles:SteeringGroup and Authentication:Roles:Coordinator must name the role values the provider sends (defaults Styrgrupp and Samordnare).");
        }
        if (options.SessionLifetime <= TimeSpan.Zero)
        {
            problems.Add($"Authentication:SessionLifetime='{options.SessionLifetime}' must be positive, e.g. 08:00:00.");
        }
    }

    internal static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var address) && IPAddress.IsLoopback(address));

    /// <summary>The staff claims' names, empty ones refused: also all the Functions app checks of the section, which signs nobody in itself.</summary>
    public static IEnumerable<string> ClaimProblems(SignInOptions options) =>
        new[] { (options.Claims.HsaId, "HsaId"), (options.Claims.UnitHsaIds, "UnitHsaIds") }
            .Where(c => string.IsNullOrWhiteSpace(c.Item1))
            .Select(c => $"Authentication:Claims:{c.Item2} is empty: set it to the ID token claim that carries {(c.Item2 == "HsaId" ? "the person's HSA-id (default hsa_id)" : "the HSA-ids of the person's units (default unit_hsa_ids)")}.");
}

/// <summary>The Functions app's check of <c>Authentication</c>: only the claim names it reads from App Service's principal.</summary>
internal sealed class StaffClaimNamesValidator : IValidateOptions<SignInOptions>
{
    public ValidateOptionsResult Validate(string? name, SignInOptions options) =>
        SignInOptionsValidator.ClaimProblems(options).ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
