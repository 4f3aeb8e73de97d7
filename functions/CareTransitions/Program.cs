using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Microsoft.AspNetCore.HttpOverrides;
using CareTransitions.Acknowledgements;
using CareTransitions.Configuration;
using CareTransitions.Coordinators;
using CareTransitions.Directory;
using CareTransitions.Intake;
using CareTransitions.Privacy;
using CareTransitions.Storage;
using CareTransitions.Workflow;
using Dashboard;

namespace CareTransitions;

/// <summary>
/// The care-transition service (vårdövergångar, LOS 2017:612) and its table of contents: what it is
/// made of and which endpoints it serves. Tests and the benchmark build it the same way and start it
/// on a loopback port.
/// </summary>
public static class CareTransitionsApp
{
    /// <summary>Runs the service until it is stopped.</summary>
    public static Task Main(string[] args) => Build(args).RunAsync();

    /// <summary>Builds the web application from command-line style arguments (e.g. <c>--Smtp:Host=127.0.0.1</c>).</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        ListenAsFunctionsCustomHandler(builder);
        KeepStatisticsBesideStorage(builder.Configuration);

        builder.Services.AddAppOptions(builder.Configuration);
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.Services.AddHealthChecks();
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            // Swedish names (Göteborg, Vårdcentralen) as text, not \u escapes; HTML is never built from this JSON.
            o.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
        });
        // Behind the Functions host (a loopback proxy, the only kind trusted by default) the client's
        // address comes in X-Forwarded-For; the acknowledgement rate limit is per client address.
        builder.Services.Configure<ForwardedHeadersOptions>(o => o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);

        builder.Services.AddAppStorage();
        builder.Services.AddPrivacy();
        builder.Services.AddUnitsDirectory();
        builder.Services.AddWorkflow(builder.Configuration);
        builder.Services.AddIntake();
        builder.Services.AddAcknowledgements();
        builder.Services.AddDashboard(builder.Configuration);

        var app = builder.Build();
        app.UseForwardedHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapIntake();
        app.MapQueueIntake();
        app.MapCoordinators();
        app.MapAcknowledgements();
        app.MapDashboard();
        app.MapOpenApi();
        app.MapHealthChecks("/healthz");
        return app;
    }

    /// <summary>The dashboard's statistics.db lives in the storage directory unless Statistics:DatabasePath says otherwise.</summary>
    private static void KeepStatisticsBesideStorage(ConfigurationManager configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration["Statistics:DatabasePath"]))
        {
            configuration["Statistics:DatabasePath"] = Path.Combine(configuration.GetStorageOptions().Directory, "statistics.db");
        }
    }

    /// <summary>
    /// Under the Azure Functions host (custom handler) the port comes from FUNCTIONS_CUSTOMHANDLER_PORT
    /// and only the local host talks to us.
    /// </summary>
    private static void ListenAsFunctionsCustomHandler(WebApplicationBuilder builder)
    {
        if (Environment.GetEnvironmentVariable("FUNCTIONS_CUSTOMHANDLER_PORT") is { Length: > 0 } port)
        {
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        }
    }
}
