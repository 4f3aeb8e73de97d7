using System.Diagnostics;

namespace CareTransitions.Telemetry;

/// <summary>
/// The names a collector filters on: the workflow's own spans and metrics, the backend's metrics, and the
/// Durable Task SDK's spans that link intake, orchestration and activities into one trace.
/// </summary>
/// <remarks>
/// IMPORTANT: no span name, attribute, event or metric tag holds a personnummer, a pseudonym or a person's name;
/// a transition is named by its id (a hash of the sender and the episode) and a unit by its directory id.
/// </remarks>
public static class CareTransitionsTelemetry
{
    /// <summary>The workflow's ActivitySource and Meter name.</summary>
    public const string Name = "CareTransitions";

    /// <summary>Microsoft's Durable Task SDK: create_orchestration, orchestration:…, activity:…, orchestration_event:… spans.</summary>
    public const string DurableTaskSourceName = "Microsoft.DurableTask";

    /// <summary>Our durable backend's Meter (queue depth, lease losses).</summary>
    public const string BackendMeterName = "Durable.Backend";

    /// <summary>Every ActivitySource the registration listens to.</summary>
    public static IReadOnlyList<string> TraceSources { get; } = [Name, DurableTaskSourceName];

    /// <summary>Every Meter of ours the registration listens to.</summary>
    public static IReadOnlyList<string> Meters { get; } = [Name, BackendMeterName];

    /// <summary>The workflow's spans. Started only when a tracer listens: otherwise StartActivity returns null at no cost.</summary>
    internal static ActivitySource Source { get; } = new(Name);
}
