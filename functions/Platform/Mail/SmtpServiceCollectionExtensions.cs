using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Platform.Mail;

/// <summary>The <c>Smtp</c> section for every part that sends email.</summary>
public static class SmtpServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="SmtpOptions"/> from <c>Smtp</c> and checks it at start with <see cref="SmtpOptionsValidator"/>.
    /// The workflow library and the dashboard both call it; the second call adds nothing.
    /// </summary>
    public static IServiceCollection AddSmtpOptions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<SmtpOptions>>(new SmtpOptionsBinding(configuration.GetSection(SmtpOptions.SectionName))));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SmtpOptions>, SmtpOptionsValidator>());
        services.AddOptions<SmtpOptions>().ValidateOnStart();
        return services;
    }
}
