using Dashboard.Presentation;
using Dashboard.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace Dashboard.Security;

/// <summary>
/// Outside Development, only a signed-in user with the steering role may see the dashboard. No personal data
/// is shown, but the figures are the organisation's internal follow-up.
/// </summary>
internal sealed class SteeringRoleFilter(IHostEnvironment environment, StatisticsOptions options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        Refusal(context.HttpContext, environment, options) ?? await next(context);

    /// <summary>The answer for a caller who may not see the dashboard, or null when they may (also the Functions app's check).</summary>
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
