using CareTransitions.Sip;
using CareTransitions.AccessLogging;
using CareTransitions.Acknowledgements;
using CareTransitions.Configuration;
using CareTransitions.Coordinators;
using CareTransitions.Directory;
using CareTransitions.Handover;
using CareTransitions.Handover.Workspace;
using CareTransitions.Health;
using CareTransitions.Intake;
using CareTransitions.Privacy;
using CareTransitions.SignIn;
using CareTransitions.Storage;
using CareTransitions.Telemetry;
using CareTransitions.Workflow;
using CareTransitions.Worklist;
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
        // Where every store lives, resolved once (the host's, if it resolved it first); its folder made now, before
        // any store, development secret or pickup file is written there.
        var storage = services.AddStorageTopology(configuration);
        storage.CreateStorageDirectory();

        services.AddAppOptions(configuration);
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o => CareTransitionsJson.Apply(o.SerializerOptions));

        services.AddAppStorage(storage);
        services.AddStoreOutageHandling();
        services.AddReadiness();
        services.AddTransitionMetrics();
        services.AddPrivacy();
        services.AddUnitsDirectory();
        services.AddHandoverData(configuration);
        services.AddWorkflow();
        services.AddIntake();
        services.AddAcknowledgements();
        services.AddSipCalls();
        services.AddAccessLog(configuration);
        services.AddWorklist();
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
        endpoints.MapSipCalls();
        endpoints.MapHandover();
        endpoints.MapDashboard();
        endpoints.MapSignIn();
        return endpoints;
    }
}
