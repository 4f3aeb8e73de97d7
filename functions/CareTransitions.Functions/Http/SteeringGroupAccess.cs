using Dashboard.Storage;
using Dashboard.Security;

namespace CareTransitions.Functions.Http;

/// <summary>
/// Who may see the dashboard in the Functions app: the dashboard's own role check (<c>X-MS-CLIENT-PRINCIPAL</c> with
/// the Styrgrupp role), trusted only because App Service Authentication is on. The platform sets
/// <c>WEBSITE_AUTH_ENABLED=True</c> when it is (infra/ turns it on) and only then strips the header from outside
/// requests; without it anyone could send the header, so the dashboard is not served at all.
/// </summary>
internal static class SteeringGroupAccess
{
    public const string AuthEnabledSetting = "WEBSITE_AUTH_ENABLED";

    /// <summary>The refusal for this request, or null when it may be served.</summary>
    public static IResult? Refusal(HttpRequest request, IServiceProvider services)
    {
        var environment = services.GetRequiredService<IHostEnvironment>();
        if (!PrincipalTrusted(services))
        {
            return SteeringRoleCheck.Deny(request.HttpContext, StatusCodes.Status503ServiceUnavailable,
                "Inloggningen är inte konfigurerad",
                "Uppföljningen visas bara när App Service-inloggningen (Entra ID) är påslagen för appen; den är avstängd, så sidan kan inte visas. Kontakta förvaltningen.");
        }

        return SteeringRoleCheck.Refusal(request.HttpContext, environment, services.GetRequiredService<StatisticsOptions>());
    }

    /// <summary>
    /// Whether <c>X-MS-CLIENT-PRINCIPAL</c> may be believed: App Service Authentication is on, or this is Development.
    /// The one rule for every page of the app that reads the header.
    /// </summary>
    public static bool PrincipalTrusted(IServiceProvider services) =>
        services.GetRequiredService<IHostEnvironment>().IsDevelopment()
        || string.Equals(services.GetRequiredService<IConfiguration>()[AuthEnabledSetting], "True", StringComparison.OrdinalIgnoreCase);
}
