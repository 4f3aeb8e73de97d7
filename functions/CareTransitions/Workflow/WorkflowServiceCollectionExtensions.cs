using CareTransitions.Configuration;
using CareTransitions.Notifications;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CareTransitions.Workflow;

internal static class WorkflowServiceCollectionExtensions
{
    /// <summary>What the orchestrator and its activities use, and the payload converter; the worker and client are the host's (see <see cref="DurableTaskHosting"/>).</summary>
    public static IServiceCollection AddWorkflow(this IServiceCollection services)
    {
        // The worker and the client both take the converter registered here (an SDK one or the Functions host's).
        services.AddSingleton(DurableTaskHosting.DataConverter);
        services.TryAddSingleton(TimeProvider.System);
        services.AddNotifications();
        services.AddSingleton<OpenTransitionStatuses>();
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
        PaymentResponsibilityRule.Default3Days,
        o.UpdateEmailWindow,
        FollowsSipCall: true);
}
