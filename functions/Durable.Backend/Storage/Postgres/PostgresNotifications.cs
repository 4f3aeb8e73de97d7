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

    /// <summary>
    /// Payload prefix: the instance finished, or changed in a way the sender does not qualify (older backends send it for
    /// every change): every waiter on it looks again.
    /// </summary>
    private const string InstancePrefix = "instance:";

    /// <summary>
    /// Payload prefix: the instance changed status but is still active (it started, or was suspended or resumed). Waits
    /// for completion sleep on. A backend older than this payload ignores it; its waits for a start then find the change
    /// on their fallback look.
    /// </summary>
    private const string ActivePrefix = "status:";

    /// <summary>NOTIFY payloads are limited to 8000 bytes; a longer id is not announced and its waiters look on their poll.</summary>
    private const int MaxPayloadBytes = 7900;

    public static string? ForInstance(string instanceId, bool finished) =>
        Encoding.UTF8.GetByteCount(instanceId) + InstancePrefix.Length <= MaxPayloadBytes ? (finished ? InstancePrefix : ActivePrefix) + instanceId : null;

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
                signals.NotifyInstanceChanged(p[InstancePrefix.Length..], finished: true);
                break;
            case var p when p.StartsWith(ActivePrefix, StringComparison.Ordinal):
                signals.NotifyInstanceChanged(p[ActivePrefix.Length..], finished: false);
                break;
        }
    }
}
