using CareTransitions.Intake;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace CareTransitions.SignIn;

/// <summary>
/// Sign-in for the standalone service (section <c>Authentication</c>): who may see the dashboard (Styrgrupp) and the
/// coordinators' API and pages (Samordnare). The roles come from the identity provider's token, never from a request
/// header: <c>X-MS-CLIENT-PRINCIPAL</c> is read only by the Functions app behind App Service Authentication.
/// </summary>
internal static class SignInServiceCollectionExtensions
{
    /// <summary>
    /// Only the section's names (<c>Authentication:Claims</c>, <c>Roles</c>, <c>OpenIdConnect:NameClaimType</c> and
    /// <c>RoleClaimType</c>), for a host whose users another front end signs in: the Functions app behind App Service
    /// Authentication reads the same claims from its principal.
    /// </summary>
    public static IServiceCollection AddStaffClaimNames(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SignInOptions>().Configure(o => SignInOptions.Bind(o, configuration)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SignInOptions>, StaffClaimNamesValidator>();
        return services;
    }

    public static IServiceCollection AddSignIn(this IServiceCollection services, IConfiguration configuration)
    {
        // The mode picks which schemes exist, so it is read now; the validator refuses a bad section at start.
        var mode = SignInOptions.Read(configuration).EffectiveMode;
        services.AddOptions<SignInOptions>().Configure(o => SignInOptions.Bind(o, configuration)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SignInOptions>, SignInOptionsValidator>();
        services.AddHostedService<SignInStartupLog>();
        services.AddSingleton<SessionRevocations>();

        var userScheme = mode switch
        {
            SignInMode.OpenIdConnect => CookieAuthenticationDefaults.AuthenticationScheme,
            SignInMode.Open => SignInSchemes.Open,
            _ => SignInSchemes.NotConfigured,
        };
        var authentication = services.AddAuthentication(SignInSchemes.Selector)
            .AddPolicyScheme(SignInSchemes.Selector, "API key or signed-in user", o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.ContainsKey(ApiKeyFilter.HeaderName) ? SignInSchemes.ApiKey : userScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(SignInSchemes.ApiKey, null);
        switch (mode)
        {
            case SignInMode.OpenIdConnect:
                authentication.AddCookie().AddOpenIdConnect();
                services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme).Configure<IOptions<SignInOptions>>(OpenIdConnectSignIn.ConfigureCookie);
                services.AddOptions<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme).Configure<IOptions<SignInOptions>>(OpenIdConnectSignIn.ConfigureOpenIdConnect);
                break;
            case SignInMode.Open:
                authentication.AddScheme<AuthenticationSchemeOptions, OpenModeAuthenticationHandler>(SignInSchemes.Open, null);
                break;
            default:
                authentication.AddScheme<AuthenticationSchemeOptions, NotConfiguredAuthenticationHandler>(SignInSchemes.NotConfigured, null);
                break;
        }

        services.AddAuthorization();
        services.AddOptions<Microsoft.AspNetCore.Authorization.AuthorizationOptions>().Configure<IOptions<SignInOptions>>((o, signIn) =>
        {
            var settings = signIn.Value;
            var roleClaim = settings.OpenIdConnect.RoleClaimType;
            o.AddPolicy(SignInPolicies.SteeringGroup, p => p.RequireAuthenticatedUser().RequireClaim(roleClaim, settings.Roles.SteeringGroup));
            o.AddPolicy(SignInPolicies.Coordinator, p => p.RequireAuthenticatedUser().RequireClaim(roleClaim, settings.Roles.Coordinator));
            o.AddPolicy(SignInPolicies.Person, p => p.RequireAuthenticatedUser().RequireAssertion(c => c.User.Identity?.AuthenticationType != SignInSchemes.ApiKey));
        });
        return services;
    }
}

/// <summary>Says at start how people sign in; the open mode and a missing provider are warnings, so an operator sees them.</summary>
internal sealed partial class SignInStartupLog(IOptions<SignInOptions> options, ILogger<SignInStartupLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        switch (settings.EffectiveMode)
        {
            case SignInMode.Open:
                logger.SignInOpenMode();
                break;
            case SignInMode.NotConfigured:
                logger.SignInNotConfigured();
                break;
            default:
                logger.SignInAt(settings.OpenIdConnect.Authority!, settings.OpenIdConnect.RoleClaimType, settings.Roles.SteeringGroup, settings.Roles.Coordinator);
                break;
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
