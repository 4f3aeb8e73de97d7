using CareTransitions.Acknowledgements;
using CareTransitions.Configuration;
using CareTransitions.Coordinators;
using CareTransitions.Directory;
using CareTransitions.Health;
using CareTransitions.Intake;
using CareTransitions.Privacy;
using CareTransitions.SignIn;
using CareTransitions.Storage;
using CareTransitions.Telemetry;
using CareTransitions.Workflow;
using Dashboard;

namespace CareTransitions;

/// <summary>
/// The care-transition workflow (vårdövergångar, LOS 2017:612) as a library, and its table of contents:
/// what it is made of and which endpoints it serves. A host adds it, picks the durable backend its
/// worker and client talk to, and maps the endpoints (or calls the handlers from its own triggers).
/// </summary>
public static class CareTransitionsExtensions
{
    /// <summary>
    /// Every feature: options, stores, privacy, the units directory, the workflow (the Durable Task
    /// worker with the orchestrator and its activities, the client, the payload converter — no backend),
    /// intake, acknowledgements and the dashboard.
    /// </summary>
    /// <remarks>
    /// The host chooses the backend by configuring the same default-named builders, for example
    /// <c>services.AddDurableTaskWorker(w => w.UseGrpc(…))</c> and <c>services.AddDurableTaskClient(c => c.UseGrpc(…))</c>.
    /// </remarks>
    public static IServiceCollection AddCareTransitions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCareTransitionFeatures(configuration);
        // Sign-in (section Authentication) for the routes MapCareTransitions maps; the Functions app has App Service Authentication instead.
        services.AddSignIn(configuration);
        // This host checks the intake key itself (ApiKeyFilter), so it must be configured; a Functions host checks its own.
        services.AddIntakeApiKeyValidation();
        services.AddCareTransitionsDurableTask();
        // The hourly cleanup in the background; a Functions app runs the same RunOnceAsync from a timer trigger instead.
        services.AddHostedService(sp => sp.GetRequiredService<RetentionCleanup>());
        return services;
    }

    /// <summary>
    /// Every feature as <see cref="AddCareTransitions"/> registers it, for a host whose Durable worker is not the
    /// SDK's (the Azure Functions host replays the orchestrator itself): no worker, no client, no background
    /// retention cleanup. The host registers a <see cref="Microsoft.DurableTask.Client.DurableTaskClient"/> (in
    /// Functions <see cref="DurableClientRelay"/>, given each invocation's client) and runs the cleanup on a timer.
    /// </summary>
    public static IServiceCollection AddCareTransitionFeatures(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        KeepStatisticsBesideStorage(configuration);

        services.AddAppOptions(configuration);
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o => CareTransitionsJson.Apply(o.SerializerOptions));

        services.AddAppStorage(configuration);
        services.AddStoreOutageHandling();
        services.AddReadiness();
        services.AddTransitionMetrics();
        services.AddPrivacy();
        services.AddUnitsDirectory();
        services.AddWorkflow();
        services.AddIntake();
        services.AddAcknowledgements();
        services.AddDashboard(configuration);
        return services;
    }

    /// <summary>
    /// Every endpoint: intake (HTTP and queue-shaped), the coordinators' API, the acknowledgement pages,
    /// the dashboard and sign-in/sign-out. The acknowledgement pages need the host's <c>UseRateLimiter()</c> and
    /// <c>UseAntiforgery()</c>; the coordinators' API and the dashboard its <c>UseAuthentication()</c> and <c>UseAuthorization()</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapCareTransitions(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapIntake();
        endpoints.MapQueueIntake();
        endpoints.MapCoordinators();
        endpoints.MapAcknowledgements();
        endpoints.MapDashboard();
        endpoints.MapSignIn();
        return endpoints;
    }

    /// <summary>
    /// Where a host that keeps the durable store beside the other files puts it: <c>durable.db</c> in
    /// <c>Storage:Directory</c> (created if missing).
    /// </summary>
    public static string GetDurableStorePath(this IConfiguration configuration) => configuration.GetStorageOptions().EnginePath;

    /// <summary>
    /// The PostgreSQL database every store shares when <c>Storage:Provider</c> is <c>Postgres</c> (<c>ConnectionStrings:Postgres</c>),
    /// else null: a host maps it onto its durable backend's settings, so one setting moves everything.
    /// </summary>
    /// <remarks>Read as configured, unchecked: the settings check at start stops an unknown provider or a missing connection string.</remarks>
    public static string? GetSharedPostgresConnectionString(this IConfiguration configuration)
    {
        var storage = configuration.GetStorageOptions();
        return storage.UsesPostgres ? storage.PostgresConnectionString : null;
    }

    /// <summary>
    /// The dashboard's store follows Storage:Provider: statistics.db in the storage directory unless
    /// Statistics:DatabasePath says otherwise, or on PostgreSQL the same database as the app data
    /// (ConnectionStrings:Postgres) unless Statistics:Provider / Statistics:PostgresConnectionString say otherwise.
    /// </summary>
    private static void KeepStatisticsBesideStorage(IConfiguration configuration)
    {
        var storage = configuration.GetStorageOptions();
        if (string.IsNullOrWhiteSpace(configuration["Statistics:DatabasePath"]))
        {
            configuration["Statistics:DatabasePath"] = Path.Combine(storage.Directory, "statistics.db");
        }

        if (storage.UsesPostgres && string.IsNullOrWhiteSpace(configuration["Statistics:Provider"]))
        {
            configuration["Statistics:Provider"] = "Postgres";
            if (string.IsNullOrWhiteSpace(configuration["Statistics:PostgresConnectionString"]))
            {
                configuration["Statistics:PostgresConnectionString"] = storage.PostgresConnectionString;
            }
        }
    }
}
