using System.Security.Claims;
using System.Text.Encodings.Web;
using CareTransitions.Intake;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CareTransitions.SignIn;

/// <summary>The authentication schemes of the standalone service, by name.</summary>
internal static class SignInSchemes
{
    /// <summary>The default: picks <see cref="ApiKey"/> when the request carries <c>x-functions-key</c>, else the mode's user scheme.</summary>
    public const string Selector = "SignIn";

    public const string ApiKey = "ApiKey";

    public const string Open = "Open";

    public const string NotConfigured = "SignInNotConfigured";

    /// <summary>A principal whose roles are in <paramref name="roleClaimType"/>, the claim the policies read.</summary>
    public static ClaimsPrincipal Principal(string authenticationType, string name, string roleClaimType, params string[] roles)
    {
        var identity = new ClaimsIdentity(authenticationType, "name", roleClaimType);
        identity.AddClaim(new Claim("name", name));
        foreach (var role in roles)
        {
            identity.AddClaim(new Claim(roleClaimType, role));
        }
        return new ClaimsPrincipal(identity);
    }
}

/// <summary>
/// The coordinators' API key (<c>x-functions-key</c>, the key intake uses), as it was before sign-in: a program that sends
/// it acts as a coordinator. A wrong key fails here, so it is never mistaken for "not signed in".
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKey key, IOptions<SignInOptions> signIn)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!this.Request.Headers.TryGetValue(ApiKeyFilter.HeaderName, out var presented))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        if (key.CoordinatorOf(presented.FirstOrDefault()) is not { } coordinator)
        {
            return Task.FromResult(AuthenticateResult.Fail($"The API key in '{ApiKeyFilter.HeaderName}' does not open the coordinators' API."));
        }

        var settings = signIn.Value;
        var name = coordinator.Name is null ? AuditActors.ApiKey : $"{AuditActors.ApiKey}:{coordinator.Name}";
        var principal = SignInSchemes.Principal(SignInSchemes.ApiKey, name, settings.OpenIdConnect.RoleClaimType, settings.Roles.Coordinator);
        ((ClaimsIdentity)principal.Identity!).AddClaims((coordinator.Scope ?? []).Select(e => new Claim(Coordinators.CoordinatorScope.ClaimType, e)));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SignInSchemes.ApiKey)));
    }

    // Chosen only when the request carries the header: a key in it that failed was wrong; an empty one is missing.
    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        string.IsNullOrEmpty(this.Request.Headers[ApiKeyFilter.HeaderName].FirstOrDefault())
            ? SignInAnswers.ApiKeyMissingAsync(this.Context)
            : SignInAnswers.ApiKeyNotRecognisedAsync(this.Context);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => SignInAnswers.ForbiddenAsync(this.Context);
}

/// <summary>
/// Development's open mode (<c>Authentication:Mode=Open</c>): every request is a developer with both roles and the HSA-id
/// <see cref="StaffIdentity.DeveloperHsaId"/>, who counts as working for every unit, so the README's run command shows
/// every page without an identity provider. Development only: refused elsewhere by <see cref="SignInOptionsValidator"/>.
/// </summary>
internal sealed class OpenModeAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IOptions<SignInOptions> signIn)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var settings = signIn.Value;
        var principal = SignInSchemes.Principal(SignInSchemes.Open, "Utvecklare (öppet läge)", settings.OpenIdConnect.RoleClaimType,
            settings.Roles.SteeringGroup, settings.Roles.Coordinator);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(settings.Claims.HsaId, StaffIdentity.DeveloperHsaId));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SignInSchemes.Open)));
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => SignInAnswers.ForbiddenAsync(this.Context);
}

/// <summary>No identity provider configured: nobody is signed in, and a page that needs a person says why it cannot be shown.</summary>
internal sealed class NotConfiguredAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());

    // The coordinators' API still opens with the API key, so it answers 401 as before; what needs a person answers 503.
    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        SignInAnswers.AcceptsApiKey(this.Context) ? SignInAnswers.NotSignedInAsync(this.Context) : SignInAnswers.NotConfiguredAsync(this.Context);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => SignInAnswers.ForbiddenAsync(this.Context);
}
