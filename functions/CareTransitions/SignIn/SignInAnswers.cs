using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using System.Text.Unicode;
using CareTransitions.Intake;

namespace CareTransitions.SignIn;

/// <summary>
/// What a caller who may not pass is told: under <c>/api</c> a problem+json (a program called, a redirect would only
/// confuse it), elsewhere a Swedish page for the person in the browser.
/// </summary>
internal static class SignInAnswers
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    /// <summary>The 401 of a route the coordinators' API key also opens: the key, as before sign-in existed, or a signed-in coordinator.</summary>
    public const string ApiKeyDetail = "Send the API key in the 'x-functions-key' header, or sign in with the Samordnare role.";

    public static bool AcceptsApiKey(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetOrderedMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>() is { } policies
        && policies.Any(a => a.Policy == SignInPolicies.Coordinator) && !policies.Any(a => a.Policy == SignInPolicies.Person);

    public static Task NotSignedInAsync(HttpContext http) => AcceptsApiKey(http)
        ? ApiKeyMissingAsync(http)
        : NotSignedInAsync(http, "Logga in med ditt organisationskonto (OpenID Connect) för att se sidan.");

    // The coordinators' API answers programs in English, as the rest of its problems; the key itself is never echoed.
    public static Task ApiKeyMissingAsync(HttpContext http) =>
        TypedResults.Problem(ApiKeyDetail, statusCode: StatusCodes.Status401Unauthorized, title: ApiKeyFilter.KeyMissingTitle).ExecuteAsync(http);

    public static Task ApiKeyNotRecognisedAsync(HttpContext http) =>
        TypedResults.Problem(ApiKeyNotRecognisedDetail, statusCode: StatusCodes.Status401Unauthorized, title: ApiKeyFilter.KeyNotRecognisedTitle).ExecuteAsync(http);

    public const string ApiKeyNotRecognisedDetail =
        "The key in the 'x-functions-key' header does not open the coordinators' API. Send a coordinator key (Coordinators:ApiKeys), " +
        "or sign in with the Samordnare role (the key is not shown in this answer).";

    public static Task NotSignedInAsync(HttpContext http, string detail) =>
        WriteAsync(http, StatusCodes.Status401Unauthorized, "Inloggning krävs", detail, signOutLink: false);

    public static Task ForbiddenAsync(HttpContext http) =>
        WriteAsync(http, StatusCodes.Status403Forbidden, "Behörighet saknas",
            "Ditt konto har inte den roll som krävs för sidan (Styrgrupp för uppföljningen, Samordnare för samordnarnas sidor). "
            + "Be din administratör om behörighet, eller logga in med ett annat konto.",
            signOutLink: true);

    public static Task NotConfiguredAsync(HttpContext http) =>
        WriteAsync(http, StatusCodes.Status503ServiceUnavailable, "Inloggningen är inte konfigurerad",
            "Tjänsten har ingen identitetsleverantör (Authentication:OpenIdConnect), så ingen kan logga in och sidan kan inte visas. Kontakta förvaltningen.",
            signOutLink: false);

    /// <summary>
    /// <c>GET /logga-ut</c>: a button that posts the sign-out with its antiforgery field. A link alone must not end a
    /// session (another site could embed it); <paramref name="stale"/> says the last attempt's form had expired.
    /// </summary>
    public static IResult SignOutPage(HttpContext http, IAntiforgery antiforgery, bool stale)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var detail = stale
            ? "Formuläret hade gått ut, så du är fortfarande inloggad. Tryck på knappen igen för att logga ut."
            : "Du loggas ut här, på alla servrar i tjänsten och hos identitetsleverantören.";
        var form = $"""
            <form method="post" action="{SignInEndpoints.SignOutPath}">
            <input type="hidden" name="{Html.Encode(tokens.FormFieldName)}" value="{Html.Encode(tokens.RequestToken ?? "")}">
            <button type="submit" id="sign-out-button">Logga ut</button>
            </form>
            """;
        return TypedResults.Content(Page("Logga ut", detail, signOutLink: false, signInLink: false, form), "text/html; charset=utf-8",
            statusCode: stale ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    /// <summary>After sign-out: a page of our own, so the user sees that it worked.</summary>
    public static IResult SignedOut() =>
        TypedResults.Content(Page("Du är utloggad", "Du är utloggad från uppföljningen och samordnarnas sidor.", signOutLink: false, signInLink: true), "text/html; charset=utf-8");

    private static Task WriteAsync(HttpContext http, int status, string title, string detail, bool signOutLink)
    {
        IResult answer = IsApi(http.Request)
            ? TypedResults.Problem(detail, statusCode: status, title: title)
            : TypedResults.Content(Page(title, detail, signOutLink, signInLink: false), "text/html; charset=utf-8", statusCode: status);
        return answer.ExecuteAsync(http);
    }

    private static string Page(string title, string detail, bool signOutLink, bool signInLink, string form = "") => $"""
        <!doctype html>
        <html lang="sv">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{Html.Encode(title)}</title>
        <style>body{"{"}font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5{"}"} button{"{"}font:inherit;padding:.5rem 1.25rem;min-height:2.75rem{"}"}</style></head>
        <body>
        <main>
        <h1>{Html.Encode(title)}</h1>
        <p>{Html.Encode(detail)}</p>
        {(signOutLink ? $"<p><a id=\"sign-out\" href=\"{SignInEndpoints.SignOutPath}\">Logga ut</a></p>" : "")}
        {(signInLink ? $"<p><a id=\"sign-in\" href=\"{SignInEndpoints.SignInPath}?returnUrl=/dashboard\">Logga in igen</a></p>" : "")}
        {form}
        </main>
        </body>
        </html>
        """;
}
