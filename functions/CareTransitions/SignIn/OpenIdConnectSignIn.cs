using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace CareTransitions.SignIn;

/// <summary>
/// The region's identity provider: authorization code flow with PKCE, the code returned in the query, then an encrypted
/// cookie session (its keys are the data-protection ring every instance shares).
/// </summary>
internal static class OpenIdConnectSignIn
{
    public const string CookieName = ".CareTransitions.Session";

    public static void ConfigureCookie(CookieAuthenticationOptions cookie, IOptions<SignInOptions> signIn)
    {
        cookie.Cookie.Name = CookieName;
        cookie.Cookie.HttpOnly = true;
        // Lax keeps the session off cross-site POSTs (the coordinators' terminate and purge) while the provider's
        // redirect back, a top-level GET, still carries the correlation cookies.
        cookie.Cookie.SameSite = SameSiteMode.Lax;
        // Secure whenever the request is https (behind a TLS proxy, X-Forwarded-Proto says so); plain http on loopback in tests.
        cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        cookie.ExpireTimeSpan = signIn.Value.SessionLifetime;
        cookie.SlidingExpiration = true;
        cookie.ForwardChallenge = OpenIdConnectDefaults.AuthenticationScheme;
        // Signed in without the role: the Swedish 403 page (or problem+json), not a redirect to an access-denied path.
        cookie.Events.OnRedirectToAccessDenied = context => SignInAnswers.ForbiddenAsync(context.HttpContext);
        // Each session gets an id of its own, and a session signed out of (SessionRevocations) is refused on every
        // instance even if its cookie was copied first; a cookie without an id (an earlier release's) signs in again.
        cookie.Events.OnSigningIn = context =>
        {
            SessionRevocations.GiveNewId(context.Principal!);
            return Task.CompletedTask;
        };
        cookie.Events.OnValidatePrincipal = async context =>
        {
            var id = SessionRevocations.IdOf(context.Principal);
            if (id is null || await context.HttpContext.RequestServices.GetRequiredService<SessionRevocations>().IsRevokedAsync(id, context.HttpContext.RequestAborted))
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            }
        };
    }

    public static void ConfigureOpenIdConnect(OpenIdConnectOptions oidc, IOptions<SignInOptions> signIn)
    {
        var settings = signIn.Value.OpenIdConnect;
        oidc.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
        oidc.Authority = settings.Authority;
        oidc.RequireHttpsMetadata = !(Uri.TryCreate(settings.Authority, UriKind.Absolute, out var authority) && SignInOptionsValidator.IsLoopback(authority));
        oidc.ClientId = settings.ClientId;
        oidc.ClientSecret = settings.ClientSecret;
        oidc.ResponseType = OpenIdConnectResponseType.Code;
        oidc.ResponseMode = OpenIdConnectResponseMode.Query;
        oidc.UsePkce = true;
        oidc.Scope.Clear();
        foreach (var scope in settings.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            oidc.Scope.Add(scope);
        }
        oidc.CallbackPath = settings.CallbackPath;
        oidc.SignedOutCallbackPath = settings.SignedOutCallbackPath;
        oidc.SignedOutRedirectUri = SignInEndpoints.SignedOutPath;
        // The claims as the provider names them: "roles" stays "roles", the claim the policies read.
        oidc.MapInboundClaims = false;
        oidc.TokenValidationParameters.NameClaimType = settings.NameClaimType;
        oidc.TokenValidationParameters.RoleClaimType = settings.RoleClaimType;
        // The staff claims stay in the session cookie whatever they are called (StaffIdentity reads them): no default
        // claim action may delete one, and a provider that releases them only from userinfo has them copied in too.
        var staff = signIn.Value.Claims;
        oidc.ClaimActions.Remove(staff.HsaId);
        oidc.ClaimActions.Remove(staff.UnitHsaIds);
        oidc.ClaimActions.MapUniqueJsonKey(staff.HsaId, staff.HsaId);
        oidc.ClaimActions.MapJsonKey(staff.UnitHsaIds, staff.UnitHsaIds);
        // The ID token is kept in the session only as the hint the provider's sign-out needs.
        oidc.SaveTokens = true;
        oidc.CorrelationCookie.SameSite = SameSiteMode.Lax;
        oidc.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        oidc.NonceCookie.SameSite = SameSiteMode.Lax;
        oidc.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;

        oidc.Events.OnRedirectToIdentityProvider = context =>
        {
            // A program calling /api gets a 401 it can act on; only a person in a browser is sent to the provider.
            if (SignInAnswers.IsApi(context.Request))
            {
                context.HandleResponse();
                return SignInAnswers.NotSignedInAsync(context.HttpContext);
            }
            return Task.CompletedTask;
        };
        oidc.Events.OnRemoteFailure = context =>
        {
            context.HandleResponse();
            return SignInAnswers.NotSignedInAsync(context.HttpContext,
                "Inloggningen hos identitetsleverantören misslyckades eller avbröts. Försök igen från startsidan, eller kontakta förvaltningen om det upprepas.");
        };
    }
}
