using Dashboard.Presentation;
using Dashboard.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace Dashboard.Security;

/// <summary>
/// The Azure Functions app's check of the dashboard's routes: outside Development, only a user App Service Authentication
/// signed in (<c>X-MS-CLIENT-PRINCIPAL</c>) with the steering role. No personal data is shown, but the figures are the
/// organisation's internal follow-up.
/// </summary>
/// <remarks>
/// IMPORTANT: only a host behind App Service Authentication, which strips the header from outside requests, may call this
/// (the Functions app checks <c>WEBSITE_AUTH_ENABLED</c> first). The standalone service never reads the header: its
/// routes require the <see cref="DashboardEndpoints.SteeringGroupPolicy"/> policy, which its own sign-in satisfies.
/// </remarks>
internal static class SteeringRoleCheck
{
    /// <summary>The answer for a caller who may not see the dashboard, or null when they may.</summary>
    internal static IResult? Refusal(HttpContext http, IHostEnvironment environment, StatisticsOptions options)
    {
        if (environment.IsDevelopment())
        {
            return null;
        }
        var principal = ClientPrincipal.TryParse(http.Request.Headers[ClientPrincipal.HeaderName]);
        if (principal?.Claims is null)
        {
            return Deny(http, StatusCodes.Status401Unauthorized,
                "Inloggning krävs",
                "Logga in med ditt organisationskonto för att se uppföljningen (X-MS-CLIENT-PRINCIPAL saknas eller är ogiltig).");
        }
        if (!principal.HasRole(options.RoleClaimType, options.RequiredRole))
        {
            return Deny(http, StatusCodes.Status403Forbidden,
                "Behörighet saknas",
                $"Uppföljningen visas bara för användare med rollen {options.RequiredRole}. Be din administratör om behörighet.");
        }
        return null;
    }

    internal static IResult Deny(HttpContext http, int status, string title, string detail) =>
        // Files (exports, report workbooks) and the API answer in problem+json; pages get a Swedish page.
        http.Request.Path.StartsWithSegments("/api") || http.Request.Path.StartsWithSegments("/dashboard/export")
            || http.Request.Path.Value?.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) == true
            ? TypedResults.Problem(detail, statusCode: status, title: title)
            : HtmlResults.Page(status, title, $"<h1>{Html.Encode(title)}</h1><p>{Html.Encode(detail)}</p>");
}
