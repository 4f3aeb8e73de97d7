using System.Text;

namespace Durable.Backend.Storage.Postgres;

/// <summary>
/// The NOTIFY channel by which backends sharing a database wake each other: a commit that adds work or changes
/// an instance notifies <see cref="Channel"/>, and every backend's listener raises the matching
/// <see cref="WorkSignals"/>, so work written by one process is picked up by another without waiting for a poll.
/// </summary>
internal static class PostgresNotifications
{
    public const string Channel = "durable_work";

    /// <summary>Payload: an orchestration has a new message or a lease was handed back.</summary>
    public const string Orchestrations = "orchestrations";

    /// <summary>Payload: an activity task was queued or handed back.</summary>
    public const string Activities = "activities";

    private const string InstancePrefix = "instance:";

    /// <summary>NOTIFY payloads are limited to 8000 bytes; a longer id is not announced and its waiters look on their poll.</summary>
    private const int MaxPayloadBytes = 7900;

    public static string? ForInstance(string instanceId) =>
        Encoding.UTF8.GetByteCount(instanceId) + InstancePrefix.Length <= MaxPayloadBytes ? InstancePrefix + instanceId : null;

    /// <summary>Raises in this process what a payload announces; an unknown payload (a newer backend's) is ignored.</summary>
    public static void Raise(WorkSignals signals, string payload)
    {
        switch (payload)
        {
            case Orchestrations:
                signals.Orchestrations.Set();
                break;
            case Activities:
                signals.Activities.Set();
                break;
            case var p when p.StartsWith(InstancePrefix, StringComparison.Ordinal):
                signals.NotifyInstanceChanged(p[InstancePrefix.Length..]);
                break;
        }
    }
}
