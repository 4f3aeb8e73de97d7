using CareTransitions.Configuration;
using CareTransitions.Notifications;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CareTransitions.Workflow;

internal static class WorkflowServiceCollectionExtensions
{
    /// <summary>The Durable Task worker and client (see <see cref="DurableTaskHosting"/>), the orchestrator, its activities and what they use.</summary>
    public static IServiceCollection AddWorkflow(this IServiceCollection services)
    {
        services.AddCareTransitionsDurableTask();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IEmailSender, SmtpEmailSender>();
        services.AddSingleton<SentEmails>();
        services.AddSingleton<Dashboard.IOpenTransitionsSource, Coordinators.OpenTransitionsSource>();
        services.AddSingleton(sp => new PaymentRuleCatalog(sp.GetRequiredService<IOptions<WorkflowOptions>>().Value));
        services.AddSingleton(sp => SettingsFrom(sp.GetRequiredService<IOptions<WorkflowOptions>>().Value));
        return services;
    }

    /// <summary>The part of the settings every new transition takes a copy of; the payment rule is added per municipality.</summary>
    private static WorkflowSettings SettingsFrom(WorkflowOptions o) => new(
        o.ReminderAfter,
        o.EscalateAfter,
        new OfficeHours(o.OfficeHours.TimeZone, o.OfficeHours.Opens, o.OfficeHours.Closes, o.OfficeHours.ParseDays(), o.OfficeHours.ClosedOnHolidays),
        PaymentResponsibilityRule.Default3Days);
}
