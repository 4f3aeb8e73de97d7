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
                OpenMode(logger);
                break;
            case SignInMode.NotConfigured:
                NotConfigured(logger);
                break;
            default:
                SignInAt(logger, settings.OpenIdConnect.Authority!, settings.OpenIdConnect.RoleClaimType, settings.Roles.SteeringGroup, settings.Roles.Coordinator);
                break;
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Authentication:Mode=Open: sign-in is OFF, every request is a developer with the Styrgrupp and Samordnare roles (Development only).")]
    private static partial void OpenMode(ILogger logger);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Sign-in is not configured (Authentication:OpenIdConnect:Authority is empty): the dashboard answers 503, the coordinators' API opens only with the API key.")]
    private static partial void NotConfigured(ILogger logger);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Sign-in with OpenID Connect at {Authority}; roles from the claim {RoleClaimType}: {SteeringGroup} (dashboard), {Coordinator} (coordinators).")]
    private static partial void SignInAt(ILogger logger, string authority, string roleClaimType, string steeringGroup, string coordinator);
}
