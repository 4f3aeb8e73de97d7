using CareTransitions.Configuration;
using CareTransitions.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Platform.Mail;

namespace CareTransitions.Notifications;

internal static class NotificationServiceCollectionExtensions
{
    /// <summary>The email sender, the record of sent emails and, when there is a mail server, its readiness check.</summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddSingleton<IEmailSender, SmtpEmailSender>();
        services.AddSingleton<SentEmails>();

        // Decided when the options are built, not here: Smtp:Host is only known once configuration is bound. In
        // pickup-folder mode (Development) there is no server to wait for, so /readyz does not name one.
        services.AddHealthChecks();
        services.AddOptions<HealthCheckServiceOptions>().Configure<IOptions<SmtpOptions>>((health, smtp) =>
        {
            if (smtp.Value.Server is not null)
            {
                health.Registrations.Add(new HealthCheckRegistration(
                    SmtpHealthCheck.Name,
                    sp => ActivatorUtilities.CreateInstance<SmtpHealthCheck>(sp),
                    failureStatus: HealthStatus.Unhealthy,
                    tags: [Readiness.Tag],
                    timeout: Readiness.Timeout));
            }
        });
        return services;
    }
}
