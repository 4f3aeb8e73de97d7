using Azure.Monitor.OpenTelemetry.Exporter;
using CareTransitions.Telemetry;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using OpenTelemetry;

namespace CareTransitions.Functions;

/// <summary>
/// The Functions app's telemetry: the library's registration (what to collect; OTLP when configured) and, when
/// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set, Azure Monitor, with the Functions worker's resource and
/// invocation spans so the host's trace and ours are one. host.json's <c>telemetryMode: OpenTelemetry</c> makes
/// the host export the same way; Durable Functions' own orchestration spans come from the host (its
/// <c>durableTask.tracing</c> settings).
/// </summary>
internal static class FunctionsTelemetry
{
    public static IServiceCollection AddCareTransitionsFunctionsTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCareTransitionsTelemetry(configuration);
        if (configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"] is { Length: > 0 } connectionString)
        {
            services.AddOpenTelemetry()
                .UseFunctionsWorkerDefaults()
                .UseAzureMonitorExporter(o => o.ConnectionString = connectionString);
        }

        return services;
    }
}
