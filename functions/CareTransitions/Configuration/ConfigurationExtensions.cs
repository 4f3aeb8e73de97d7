using CareTransitions.Configuration.Validation;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Platform.Mail;

namespace CareTransitions.Configuration;

internal static class ConfigurationExtensions
{
    /// <summary>
    /// Binds every options section and the public base URL, once each, with its validator: the defaults are the
    /// options classes' own (appsettings.json repeats none of them), and every value is checked at start.
    /// </summary>
    public static IServiceCollection AddAppOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(new SettingsCheck(services));
        services.AddOptions<IntakeOptions>().Bind(configuration.GetSection("Intake"));
        services.AddValidatedOptions<CoordinatorOptions, CoordinatorOptionsValidator>(configuration.GetSection("Coordinators"));
        // The same binding and check the dashboard's monthly report asks for: Smtp is read once for every email.
        services.AddSmtpOptions(configuration);
        services.AddValidatedOptions<DirectoryOptions, DirectoryOptionsValidator>(configuration.GetSection("Directory"));
        services.AddValidatedOptions<WorkflowOptions, WorkflowOptionsValidator>(configuration.GetSection("Workflow"));
        services.AddValidatedOptions<AcknowledgementOptions, AcknowledgementOptionsValidator>(configuration.GetSection("Acknowledgements"));
        services.AddValidatedOptions<PrivacyOptions, PrivacyOptionsValidator>(configuration.GetSection("Privacy"));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PublicUrlOptions>, PublicUrlOptionsValidator>());
        services.AddOptions<PublicUrlOptions>()
            .Configure(o => o.BaseUrl = configuration[PublicUrlOptions.Key] ?? o.BaseUrl)
            .ValidateOnStart();
        services.AddSingleton(sp => new PublicUrls(sp.GetRequiredService<IOptions<PublicUrlOptions>>().Value.BaseUrl.TrimEnd('/')));
        return services;
    }

    /// <summary>
    /// <c>Intake:ApiKey</c> required outside Development: only for a host that checks the key itself (the standalone
    /// service's <c>ApiKeyFilter</c>); the Functions host checks its own function keys.
    /// </summary>
    public static IServiceCollection AddIntakeApiKeyValidation(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IntakeOptions>, IntakeOptionsValidator>());
        services.AddOptions<IntakeOptions>().ValidateOnStart();
        return services;
    }

    /// <summary>Binds <typeparamref name="TOptions"/> from <paramref name="section"/>, validated by <typeparamref name="TValidator"/> at start.</summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, IConfiguration section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
        return services.AddOptions<TOptions>().Bind(section).ValidateOnStart();
    }
}
