using System.Diagnostics.Metrics;
using CareTransitions.Directory;
using CareTransitions.Notifications;

namespace CareTransitions.Telemetry;

/// <summary>
/// The workflow's metrics (Meter <c>CareTransitions</c>). Recorded where the work happens once — intake, the
/// activities, the acknowledgement — never in the orchestrator, which replays. Tags are enum names only.
/// </summary>
internal sealed class TransitionMetrics
{
    // Acknowledgements come within minutes or after a weekend: buckets from 5 minutes to two weeks, in seconds.
    private static readonly double[] AcknowledgementBuckets =
        [300, 900, 1800, 3600, 2 * 3600, 4 * 3600, 8 * 3600, 24 * 3600, 2 * 24 * 3600, 3 * 24 * 3600, 7 * 24 * 3600, 14 * 24 * 3600];

    private readonly Counter<long> intakeMessages;
    private readonly Counter<long> started;
    private readonly Counter<long> completed;
    private readonly Counter<long> emailsSent;
    private readonly Counter<long> emailsFailed;
    private readonly Counter<long> escalations;
    private readonly Histogram<double> acknowledgementTime;

    public TransitionMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(CareTransitionsTelemetry.Name);
        this.intakeMessages = meter.CreateCounter<long>("caretransitions.intake.messages", "{message}", "Messages received, by channel and outcome.");
        this.started = meter.CreateCounter<long>("caretransitions.transitions.started", "{transition}", "Transitions started by a first message.");
        this.completed = meter.CreateCounter<long>("caretransitions.transitions.completed", "{transition}", "Transitions completed: every unit acknowledged and the stay ended.");
        this.emailsSent = meter.CreateCounter<long>("caretransitions.emails.sent", "{email}", "Emails handed to the SMTP server (or the pickup folder), by kind and unit type.");
        this.emailsFailed = meter.CreateCounter<long>("caretransitions.emails.failed", "{attempt}", "Email attempts that failed (each retry counts), by kind and unit type.");
        this.escalations = meter.CreateCounter<long>("caretransitions.escalations", "{escalation}", "Escalation emails sent to a unit's escalation contact or on-call, by unit type.");
        this.acknowledgementTime = meter.CreateHistogram(
            "caretransitions.acknowledgement.duration", "s", "From a unit's notification to its acknowledgement, by unit type.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = AcknowledgementBuckets });
    }

    public void IntakeMessage(string channel, string outcome) =>
        this.intakeMessages.Add(1, new(TelemetryTags.Channel, channel), new(TelemetryTags.Outcome, outcome));

    public void TransitionStarted() => this.started.Add(1);

    public void TransitionCompleted() => this.completed.Add(1);

    public void EmailSent(NotificationKind kind, UnitType unitType)
    {
        this.emailsSent.Add(1, new(TelemetryTags.NotificationKind, kind.ToString()), new(TelemetryTags.UnitType, unitType.ToString()));
        if (kind == NotificationKind.Escalation)
        {
            this.escalations.Add(1, new KeyValuePair<string, object?>(TelemetryTags.UnitType, unitType.ToString()));
        }
    }

    public void EmailFailed(NotificationKind kind, UnitType unitType) =>
        this.emailsFailed.Add(1, new(TelemetryTags.NotificationKind, kind.ToString()), new(TelemetryTags.UnitType, unitType.ToString()));

    public void Acknowledged(UnitType unitType, TimeSpan sinceNotified) =>
        this.acknowledgementTime.Record(Math.Max(0, sinceNotified.TotalSeconds), new KeyValuePair<string, object?>(TelemetryTags.UnitType, unitType.ToString()));
}
