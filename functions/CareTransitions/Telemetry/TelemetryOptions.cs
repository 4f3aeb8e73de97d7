using Microsoft.Extensions.Options;

namespace CareTransitions.Telemetry;

/// <summary>Section <c>Telemetry</c>: where traces and metrics go (nowhere when no endpoint is set).</summary>
internal sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>The OTLP collector's base URL, e.g. <c>http://collector:4317</c>; empty exports nothing (unless <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set).</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary><c>grpc</c> (the default) or <c>http/protobuf</c>.</summary>
    public string? OtlpProtocol { get; set; }

    /// <summary>The <c>service.name</c> (default <c>care-transitions</c>; <c>OTEL_SERVICE_NAME</c> wins).</summary>
    public string? ServiceName { get; set; }
}

/// <summary><c>Telemetry:*</c>, checked at start with every other setting.</summary>
internal sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var problems = Problems(options.OtlpEndpoint, options.OtlpProtocol);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>The problems of the section as configured (registration reads them before options exist).</summary>
    public static IReadOnlyList<string> Problems(IConfiguration section) => Problems(section["OtlpEndpoint"], section["OtlpProtocol"]);

    public static bool IsEndpoint(string value, out Uri uri) =>
        Uri.TryCreate(value, UriKind.Absolute, out uri!) && uri.Scheme is "http" or "https";

    private static List<string> Problems(string? endpoint, string? protocol)
    {
        var problems = new List<string>();
        if (!string.IsNullOrWhiteSpace(endpoint) && !IsEndpoint(endpoint, out _))
        {
            problems.Add($"Telemetry:OtlpEndpoint is \"{endpoint}\", not an http(s) URL: use e.g. http://localhost:4317 (grpc) or http://localhost:4318 with Telemetry:OtlpProtocol=http/protobuf, or leave it empty to export nothing.");
        }

        if (protocol?.Trim().ToLowerInvariant() is { Length: > 0 } p && p is not ("grpc" or "http/protobuf" or "httpprotobuf"))
        {
            problems.Add($"Telemetry:OtlpProtocol is \"{protocol}\": use grpc (the default) or http/protobuf.");
        }

        return problems;
    }
}
