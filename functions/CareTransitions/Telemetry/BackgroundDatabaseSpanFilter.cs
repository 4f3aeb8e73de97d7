using System.Diagnostics;
using OpenTelemetry;

namespace CareTransitions.Telemetry;

/// <summary>
/// Drops database spans that start a trace of their own: the backend's polling, lease renewal and purge, and the
/// retention cleanup, every few seconds per instance. A database call made for a request or an activity has a
/// parent and is kept.
/// </summary>
internal sealed class BackgroundDatabaseSpanFilter : BaseProcessor<Activity>
{
    public override void OnStart(Activity data)
    {
        if (data.Parent is null && data.ParentSpanId == default && data.Source.Name == "Npgsql")
        {
            data.IsAllDataRequested = false;
            data.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
        }
    }
}
