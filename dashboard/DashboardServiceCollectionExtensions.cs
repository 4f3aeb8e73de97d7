using Dashboard.Reports;
using Dashboard.Statistics;
using Dashboard.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Configuration;
using Platform.Outcomes;
using Platform.Storage;
using Platform.Storage.Migrations;

namespace Dashboard;

/// <summary>Registers the steering-group dashboard (uppföljning för styrgruppen).</summary>
public static class DashboardServiceCollectionExtensions
{
    /// <summary>
    /// Adds the statistics store where the storage topology puts it (<see cref="StorageTopology.Statistics"/>: the
    /// keys <c>Statistics:DatabasePath</c>, <c>Provider</c> and <c>PostgresConnectionString</c> among others), the
    /// <see cref="IOutcomeRecorder"/> the workflow writes outcomes through, and what the dashboard pages need. Reads the
    /// configuration section <c>Statistics</c> (<c>DailyAmounts:&lt;year&gt;</c>, <c>RequiredRole</c>, <c>RoleClaimType</c>:
    /// the Functions app's role check, and the standalone sign-in's fallbacks), and registers a readiness health check
    /// named "statistics store" (tag <c>ready</c>).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The application configuration (the <c>Statistics</c> section is read from it).</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddDashboard(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        // The host's topology when it resolved one already; read now either way (the reports need the folder), and
        // checked at start with every other setting.
        var storage = services.AddStorageTopology(configuration);
        var options = StatisticsOptions.Read(configuration.GetSection(StatisticsOptions.SectionName));
        services.TryAddSingleton(options);
        services.AddValidatedInstance<StatisticsOptions, StatisticsOptionsValidator>(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => new StatisticsDatabase(storage.Statistics));
        // Migrated as the host starts (the host adds StoreMigrationsAtStart), never on first use.
        services.AddMigratedStore<StatisticsDatabase>();
        services.TryAddSingleton<OutcomeRecorder>();
        services.TryAddSingleton<IOutcomeRecorder>(sp => sp.GetRequiredService<OutcomeRecorder>());
        services.TryAddSingleton<FactSnapshot>();
        services.TryAddSingleton<IStatisticsQuery, SnapshotStatisticsQuery>();
        services.TryAddSingleton<StatisticsService>();
        services.AddHostedService<SnapshotWarmup>();
        // The monthly steering-group report (sections Reports and Smtp), its archive and its pages' services.
        services.AddMonthlyReports(configuration, storage);
        // Readiness (/readyz where the host maps it): a short timeout, so an unreachable database answers quickly.
        services.AddHealthChecks().AddCheck<StatisticsStoreHealthCheck>(StatisticsStoreHealthCheck.Name, tags: ["ready"], timeout: TimeSpan.FromSeconds(2));
        services.AddProblemDetails();
        services.AddSwedishDashboardProblems();
        return services;
    }
}
