using System.Diagnostics;

namespace CareTransitions.Telemetry;

/// <summary>What the HTTP instrumentation leaves out or rewrites.</summary>
internal static class TelemetryFilters
{
    private const string AcknowledgementPrefix = "/ack/";

    /// <summary>
    /// Health probes, and the Durable Task gRPC calls between Microsoft's worker and client and our backend: the SDK's
    /// own spans already tell that story, and the worker's long-lived work-item stream would be one span per process.
    /// </summary>
    public static bool IsProbeOrBackendCall(string? path) =>
        path is not null
        && (path.StartsWith("/TaskHubSidecarService/", StringComparison.Ordinal)
            || path.Equals("/healthz", StringComparison.Ordinal)
            || path.Equals("/readyz", StringComparison.Ordinal));

    /// <summary>
    /// IMPORTANT: the acknowledgement link's token is a capability (whoever has it can acknowledge), so the path
    /// attribute of /ack/{token} carries the route template, never the token.
    /// </summary>
    public static void HideCapabilityInPath(Activity span, PathString path)
    {
        if (path.StartsWithSegments(AcknowledgementPrefix.TrimEnd('/'), StringComparison.Ordinal))
        {
            span.SetTag("url.path", "/ack/{token}");
        }
    }
}
