using CareTransitions.Worklist;
using CareTransitions.AccessLogging;
using CareTransitions.Configuration.Validation;
using CareTransitions.Handover;
using CareTransitions.Reports;
using CareTransitions.Security;
using CareTransitions.Health;
using CareTransitions.Intake;
using CareTransitions.OpenApi;
using CareTransitions.Storage;
using CareTransitions.Telemetry;
using Durable.Backend.Hosting;
using Durable.Backend.Storage;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Options;
using Platform.Hosting;
using Platform.Storage;
using Platform.Storage.Migrations;

namespace CareTransitions;

/// <summary>
/// The standalone care-transition service and its table of contents: the workflow library, our durable
/// backend in this process, and the endpoints. Tests and the benchmark build it the same way and start
/// it on a loopback port.
/// </summary>
public static class CareTransitionsApp
{
    /// <summary>
    /// Runs the service until it is stopped. A refused start exits with README.md's code and one line per problem on
    /// stderr (<see cref="ProgramRun"/>): 2, the durable store cannot be used; 3, a store cannot be reached or used as
    /// configured, or its schema is newer than this release; 4, settings missing or wrong. With the first argument
    /// <c>rotate-personal-data-keys</c> it re-seals the personal data under the current key instead (<see cref="KeyRotationCommand"/>).
    /// </summary>
    public static Task<int> Main(string[] args)
    {
        OwnerOnlyFiles.ForThisProcess();
        if (args.Length > 0 && args[0] == KeyRotationCommand.Name)
        {
            // The maintenance command: the same settings and stores as the service, without serving.
            return ProgramRun.RunAsync("care-transitions", () => KeyRotationCommand.RunAsync(Build(args[1..]).Services, Console.Out));
        }

        return ProgramRun.RunAsync("care-transitions", () => Build(args).RunAsync());
    }

    /// <summary>Builds the web application from command-line style arguments (e.g. <c>--Smtp:Host=127.0.0.1</c>).</summary>
    /// <exception cref="InvalidSettingsException">A setting is missing or wrong; every problem is listed.</exception>
    public static WebApplication Build(string[] args) => Build(args, configureServices: null);

    /// <summary>As <see cref="Build(string[])"/>, with a last word on the services (tests add their in-memory telemetry exporters).</summary>
    /// <exception cref="InvalidSettingsException">A setting is missing or wrong; every problem is listed.</exception>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? configureServices)
    {
        var builder = WebApplication.CreateBuilder(args);
        LeaveStartFailuresToTheCaller(builder);

        // Where every store lives (Storage:*, ConnectionStrings:Postgres, and Statistics:*/Durable:* where they say
        // otherwise), resolved once: the library, the dashboard and our backend below are each handed their part.
        var storage = builder.Services.AddStorageTopology(builder.Configuration);
        builder.Services.AddCareTransitions(builder.Configuration);
        // Traces and metrics; exported over OTLP when Telemetry:OtlpEndpoint or OTEL_EXPORTER_OTLP_ENDPOINT is set, else off.
        builder.Services.AddCareTransitionsTelemetry(builder.Configuration);
        // The monthly steering-group report on a durable eternal schedule (when Reports:Enabled).
        builder.Services.AddMonthlyReportSchedule();
        // The Storage queue transitions-intake into the intake, when Intake:Queue:ConnectionString is set.
        builder.Services.AddStorageQueueIntake(builder.Configuration);
        // The API reference for integrators: /openapi/v1.json and the Scalar page /api/docs.
        builder.Services.AddCareTransitionsOpenApi();
        builder.Services.AddHealthChecks();
        builder.Services.AddStoreOutageRule(BackendOutage.IsClientSideOutage);
        // Behind a reverse proxy listed in ForwardedHeaders:KnownProxies/KnownNetworks the client's address and scheme
        // come in X-Forwarded-For/-Proto; from anyone else those headers are ignored.
        builder.Services.AddTrustedProxies(builder.Configuration);

        // Our backend in this process, where the topology puts it: durable.db in the storage directory, or the
        // PostgreSQL database of ConnectionStrings:Postgres (schema durable); other settings from Durable:*.
        // Microsoft's worker and client connect to it over a private Unix socket.
        builder.Services.AddInProcessDurableBackend(builder.Configuration.GetSection("Durable"), storage.Durable);
        builder.Services.AddDurableTaskWorker(worker => worker.UseInProcessDurableBackend());
        builder.Services.AddDurableTaskClient(client => client.UseInProcessDurableBackend());
        // The app and statistics stores migrated as the host starts, after the backend opened and migrated its own and
        // before anything else starts or serves: a schema newer than this release stops the start (exit code 3).
        builder.Services.AddStoreMigrationsAtStart();
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        // Every setting at once, before any store is opened: a wrong one stops here with all its problems.
        app.Services.CheckSettings();
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // Sign-in (section Authentication): the dashboard needs Styrgrupp, the coordinators Samordnare or the API key.
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapCareTransitions();
        // The coordinators' access log of patient data, for people signed in (not the API key): /samordning/atkomstlogg.
        app.MapAccessLog();
        app.MapWorklist();
        app.MapApiReference();
        app.MapLiveness();
        app.MapReadiness();
        // "Now listening on" names the service's addresses; this line adds the backend's private socket beside them.
        return app.LogServingAddressesWhenStarted();
    }

    /// <summary>
    /// The generic host logs a failed start, stack trace and all, and then throws it to the caller:
    /// <see cref="Main"/> reports it (one line for a durable store it cannot open, the runtime's full
    /// report for anything else), so the host's own copy is left out. Its one other error, a
    /// background service that failed, is logged again as critical, which stays.
    /// </summary>
    private static void LeaveStartFailuresToTheCaller(WebApplicationBuilder builder) =>
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
}
