using System.Diagnostics;
using CareTransitions.Intake;
using CareTransitions.Notifications;

namespace CareTransitions.Telemetry;

/// <summary>
/// The workflow's own spans, in the trace the request (or the Durable Task SDK's activity span) carries:
/// <c>intake message</c>, <c>send email</c>, <c>acknowledge</c>. Each is null when no tracer listens.
/// </summary>
internal static class WorkflowSpans
{
    /// <summary>One incoming message, HTTP or queue, inside the request's (or the queue message's) span.</summary>
    public static Activity? StartIntake(string channel)
    {
        var span = CareTransitionsTelemetry.Source.StartActivity("intake message");
        span?.SetTag(TelemetryTags.Channel, channel);
        return span;
    }

    /// <summary>The standalone host's handling of one message from the intake queue, its delete included: the trace's root.</summary>
    public static Activity? StartQueueMessage(string queueName, string messageId, long dequeueCount)
    {
        var span = CareTransitionsTelemetry.Source.StartActivity($"process {queueName}", ActivityKind.Consumer);
        span?.SetTag("messaging.system", "azure_queue")
            .SetTag("messaging.destination.name", queueName)
            .SetTag("messaging.message.id", messageId)
            .SetTag("messaging.azure.message.dequeue_count", dequeueCount);
        return span;
    }

    /// <summary>How intake answered, and (metrics) one count by channel and outcome.</summary>
    public static void EndIntake(Activity? span, TransitionMetrics metrics, string channel, IntakeOutcome outcome)
    {
        var name = outcome switch
        {
            IntakeOutcome.Accepted { Duplicate: true } => "duplicate",
            IntakeOutcome.Accepted => "accepted",
            IntakeOutcome.Invalid => "invalid",
            IntakeOutcome.UnknownMunicipality => "unknown_municipality",
            IntakeOutcome.Conflict => "conflict",
            _ => "other",
        };
        metrics.IntakeMessage(channel, name);
        if (span is null)
        {
            return;
        }

        span.SetTag(TelemetryTags.Outcome, name);
        if (outcome is IntakeOutcome.Accepted accepted)
        {
            span.SetTag(TelemetryTags.TransitionId, accepted.TransitionId);
        }
        else
        {
            // A refusal is the sender's error, not ours: the span says what, never the message (it holds a personnummer).
            span.SetStatus(ActivityStatusCode.Error, name);
        }
    }

    /// <summary>One SMTP conversation (or pickup-folder write) for one unit's email; the recipient's address is left out.</summary>
    public static Activity? StartEmail(NotificationRequest request, string messageId)
    {
        var span = CareTransitionsTelemetry.Source.StartActivity("send email", ActivityKind.Client);
        span?.SetTag(TelemetryTags.TransitionId, request.TransitionId)
            .SetTag(TelemetryTags.UnitId, request.UnitId)
            .SetTag(TelemetryTags.UnitType, request.UnitType.ToString())
            .SetTag(TelemetryTags.NotificationKind, request.Kind.ToString())
            .SetTag("messaging.message.id", messageId);
        return span;
    }

    /// <summary>A unit's acknowledgement through its link (the person's name stays out).</summary>
    public static Activity? StartAcknowledgement(string transitionId, string unitId)
    {
        var span = CareTransitionsTelemetry.Source.StartActivity("acknowledge");
        span?.SetTag(TelemetryTags.TransitionId, transitionId).SetTag(TelemetryTags.UnitId, unitId);
        return span;
    }

    public static void Failed(Activity? span, Exception e) =>
        span?.SetStatus(ActivityStatusCode.Error, e.GetType().Name).SetTag("error.type", e.GetType().FullName);
}
