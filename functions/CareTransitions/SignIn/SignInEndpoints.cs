using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace CareTransitions.SignIn;

/// <summary><c>/logga-in</c> and <c>/logga-ut</c>: sign in (back to a local page) and sign out of the session and the provider.</summary>
internal static class SignInEndpoints
{
    public const string SignInPath = "/logga-in";

    public const string SignOutPath = "/logga-ut";

    public const string SignedOutPath = "/utloggad";

    public static IEndpointRouteBuilder MapSignIn(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("").WithTags("Sign-in").ExcludeFromDescription();
        group.MapGet(SignInPath, SignIn).WithSummary("Sign in at the identity provider, then back to returnUrl (a local path)");
        group.MapGet(SignOutPath, (HttpContext http, IAntiforgery antiforgery) => SignInAnswers.SignOutPage(http, antiforgery, stale: false)).WithSummary("Asks to sign out (a link must not sign anyone out)");
        // The form posts its antiforgery field; the handler checks it, so a stale page gets a fresh one, not a bare 400.
        group.MapPost(SignOutPath, SignOutAsync).DisableAntiforgery().WithSummary("End the session here, on every instance, and at the identity provider");
        group.MapGet(SignedOutPath, SignInAnswers.SignedOut).WithSummary("Where sign-out ends");
        return endpoints;
    }

    internal static IResult SignIn(string? returnUrl, IOptions<SignInOptions> options) => options.Value.EffectiveMode switch
    {
        SignInMode.OpenIdConnect => TypedResults.Challenge(new AuthenticationProperties { RedirectUri = LocalOrRoot(returnUrl) }, [OpenIdConnectDefaults.AuthenticationScheme]),
        _ => TypedResults.LocalRedirect(LocalOrRoot(returnUrl)),
    };

    internal static async Task<IResult> SignOutAsync(
        HttpContext http, IAntiforgery antiforgery, SessionRevocations revocations, IOptions<SignInOptions> options, TimeProvider clock)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return SignInAnswers.SignOutPage(http, antiforgery, stale: true);
        }

        if (options.Value.EffectiveMode != SignInMode.OpenIdConnect)
        {
            return TypedResults.LocalRedirect(SignedOutPath);
        }

        if (SessionRevocations.IdOf(http.User) is { } session)
        {
            await revocations.RevokeAsync(session, clock.GetUtcNow() + options.Value.SessionLifetime, http.RequestAborted);
        }

        return TypedResults.SignOut(new AuthenticationProperties { RedirectUri = SignedOutPath },
            [CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme]);
    }

    /// <summary>
    /// <paramref name="returnUrl"/> if it is strictly a path on this site, else "/": an open redirect through the
    /// sign-in would lend the service's name to a phishing link. Strict means printable ASCII without a backslash,
    /// one leading slash: browsers drop tabs and line breaks and read "\\" as "/", so "/\t/evil" leaves the site.
    /// </summary>
    internal static string LocalOrRoot(string? returnUrl) =>
        returnUrl is { Length: > 0 and <= MaxReturnUrlLength } && returnUrl[0] == '/'
        && (returnUrl.Length == 1 || returnUrl[1] is not ('/' or '\\'))
        && returnUrl.All(c => c is > ' ' and < '\x7f' and not '\\')
            ? returnUrl : "/";

    private const int MaxReturnUrlLength = 2048;
}
