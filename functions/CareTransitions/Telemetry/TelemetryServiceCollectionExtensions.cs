using CareTransitions.Configuration;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CareTransitions.Telemetry;

/// <summary>
/// Traces and metrics of the workflow, one registration for both hosts. It says what to collect (our spans and
/// meters, the Durable Task SDK's spans, ASP.NET Core, HttpClient, Npgsql); whether anything is collected is the
/// exporters' business: OTLP here when an endpoint is configured, Azure Monitor in the Functions app, the in-memory
/// exporter in tests. With no exporter there is no tracer or meter provider at all, so a span costs one
/// ActivitySource check and a metric one listener check.
/// </summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>The default <c>service.name</c>, unless <c>OTEL_SERVICE_NAME</c> or <c>Telemetry:ServiceName</c> says otherwise.</summary>
    public const string DefaultServiceName = "care-transitions";

    /// <summary>
    /// What to collect, for any tracer and meter provider the host (or a test) creates, and the OTLP exporter when
    /// <c>Telemetry:OtlpEndpoint</c> or the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set
    /// (<c>Telemetry:OtlpProtocol</c> or <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>: <c>grpc</c>, the default, or <c>http/protobuf</c>).
    /// </summary>
    public static IServiceCollection AddCareTransitionsTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        // A bad value is reported with every other setting at start (exit code 4); until then nothing is exported.
        services.AddValidatedOptions<TelemetryOptions, TelemetryOptionsValidator>(configuration.GetSection(TelemetryOptions.SectionName));
        var serviceName = configuration["OTEL_SERVICE_NAME"] ?? configuration["Telemetry:ServiceName"] ?? DefaultServiceName;

        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing
            .ConfigureResource(resource => resource.AddService(serviceName))
            .AddSource([.. CareTransitionsTelemetry.TraceSources])
            .AddAspNetCoreInstrumentation(o =>
            {
                o.Filter = http => !TelemetryFilters.IsProbeOrBackendCall(http.Request.Path);
                o.EnrichWithHttpRequest = (span, request) => TelemetryFilters.HideCapabilityInPath(span, request.Path);
            })
            .AddHttpClientInstrumentation(o => o.FilterHttpRequestMessage = request => !TelemetryFilters.IsProbeOrBackendCall(request.RequestUri?.AbsolutePath))
            .AddNpgsql()
            .AddProcessor(new BackgroundDatabaseSpanFilter()));

        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics
            .ConfigureResource(resource => resource.AddService(serviceName))
            .AddMeter([.. CareTransitionsTelemetry.Meters])
            .AddAspNetCoreInstrumentation()
            .AddHttpClientInstrumentation()
            .AddNpgsqlInstrumentation());

        if (OtlpEndpoint(configuration) is { } endpoint && TelemetryOptionsValidator.Problems(configuration.GetSection(TelemetryOptions.SectionName)).Count == 0)
        {
            var otel = services.AddOpenTelemetry();
            if (endpoint.FromSetting)
            {
                otel.UseOtlpExporter(Protocol(configuration["Telemetry:OtlpProtocol"]), endpoint.Uri);
            }
            else
            {
                // The standard variables (endpoint, protocol, headers, per-signal endpoints) as the SDK reads them.
                otel.UseOtlpExporter();
            }
        }

        return services;
    }

    /// <summary>The workflow's instruments, which every feature records to (cheap when nobody listens); part of every host.</summary>
    internal static IServiceCollection AddTransitionMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.AddSingleton<TransitionMetrics>();
        return services;
    }

    /// <summary><c>Telemetry:OtlpEndpoint</c> first (a base URL), then <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>; null when neither is set.</summary>
    internal static (Uri Uri, bool FromSetting)? OtlpEndpoint(IConfiguration configuration)
    {
        if (configuration["Telemetry:OtlpEndpoint"] is { Length: > 0 } setting)
        {
            return TelemetryOptionsValidator.IsEndpoint(setting, out var uri) ? (uri, true) : null;
        }

        return configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] is { Length: > 0 } standard && Uri.TryCreate(standard, UriKind.Absolute, out var fromEnvironment)
            ? (fromEnvironment, false)
            : null;
    }

    private static OtlpExportProtocol Protocol(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "grpc" => OtlpExportProtocol.Grpc,
        _ => OtlpExportProtocol.HttpProtobuf, // http/protobuf: TelemetryOptionsValidator allows nothing else
    };
}
