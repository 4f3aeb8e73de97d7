using System.Text;
using CareTransitions.SignIn;
using Dashboard.Presentation;
using Dashboard.Security;
using Microsoft.Extensions.Options;

namespace CareTransitions.Functions.Http;

/// <summary>The member of staff a page is for, or the answer to give instead.</summary>
/// <param name="Person">Null when signed in without an HSA-id; the library's handlers answer that themselves.</param>
internal sealed record StaffCaller(StaffMember? Person, IResult? Refusal);

/// <summary>
/// Who opens a page with patient data in the Functions app (the handover page, the access log): the user App Service
/// Authentication signed in (<c>X-MS-CLIENT-PRINCIPAL</c>, parsed by the dashboard's <see cref="ClientPrincipal"/>), read
/// as the standalone service reads its session: <see cref="StaffIdentity"/> with <c>Authentication:Claims</c>. The header
/// is believed under the dashboard's rule (<see cref="SteeringGroupAccess.PrincipalTrusted"/>), never otherwise.
/// </summary>
/// <remarks>
/// infra/ lets anonymous requests through App Service Authentication (<c>AllowAnonymous</c>: acknowledgement links and
/// intake have no Entra session), so the platform neither redirects nor refuses; a request without a user gets 401 and a
/// Swedish page whose link signs in at <see cref="LoginPath"/> and comes back to the page.
/// </remarks>
internal static class StaffAccess
{
    /// <summary>App Service Authentication's sign-in with Entra ID.</summary>
    public const string LoginPath = "/.auth/login/aad";

    public static StaffCaller Resolve(HttpRequest request, IServiceProvider services, bool coordinator = false)
    {
        if (!SteeringGroupAccess.PrincipalTrusted(services))
        {
            return Refused(StatusCodes.Status503ServiceUnavailable, "Inloggningen är inte konfigurerad",
                "Sidan visas bara när App Service-inloggningen (Entra ID) är påslagen för appen; den är avstängd, så sidan kan inte visas. Kontakta förvaltningen.");
        }

        var signIn = services.GetRequiredService<IOptions<SignInOptions>>().Value;
        var principal = ClientPrincipal.TryParse(request.Headers[ClientPrincipal.HeaderName]);
        if (principal?.Claims is null)
        {
            // Development without a principal: the open mode's developer, as the standalone service runs there.
            return services.GetRequiredService<IHostEnvironment>().IsDevelopment()
                ? new StaffCaller(new StaffMember(StaffIdentity.DeveloperHsaId, "Utvecklare (öppet läge)", [], AllUnits: true), null)
                : NotSignedIn(request);
        }

        if (coordinator && !principal.HasRole(signIn.OpenIdConnect.RoleClaimType, signIn.Roles.Coordinator))
        {
            return Refused(StatusCodes.Status403Forbidden, "Behörighet saknas",
                $"Sidan visas bara för användare med rollen {signIn.Roles.Coordinator}. Be din administratör om behörighet.");
        }

        // IMPORTANT: whatever auth_typ the header names, a person from it works only for the units it lists; "every
        // unit" is the open mode's, never a header's.
        var person = StaffIdentity.From(principal.ToClaimsPrincipal(), signIn);
        return new StaffCaller(person is null ? null : person with { AllUnits = false }, null);
    }

    private static StaffCaller NotSignedIn(HttpRequest request)
    {
        var back = request.Path.Value + request.QueryString.Value;
        var login = $"{LoginPath}?post_login_redirect_uri={Uri.EscapeDataString(back)}";
        var body = new StringBuilder()
            .Append("<h1>Inloggning krävs</h1><p>Logga in med ditt organisationskonto för att se sidan.</p>")
            .Append("<p><a href=\"").Append(Html.Encode(login)).Append("\">Logga in</a></p>");
        return new StaffCaller(null, HtmlResults.Page(StatusCodes.Status401Unauthorized, "Inloggning krävs", body.ToString()));
    }

    private static StaffCaller Refused(int status, string title, string detail) =>
        new(null, HtmlResults.Page(status, title, $"<h1>{Html.Encode(title)}</h1><p>{Html.Encode(detail)}</p>"));
}
