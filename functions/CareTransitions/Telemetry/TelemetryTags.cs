namespace CareTransitions.Telemetry;

/// <summary>Span attribute and metric tag names. Values are ids and enum names only (see <see cref="CareTransitionsTelemetry"/>).</summary>
internal static class TelemetryTags
{
    public const string TransitionId = "caretransitions.transition_id";
    public const string Channel = "caretransitions.channel";
    public const string MessageType = "caretransitions.message_type";
    public const string Outcome = "caretransitions.outcome";
    public const string UnitId = "caretransitions.unit_id";
    public const string UnitType = "caretransitions.unit_type";
    public const string NotificationKind = "caretransitions.notification_kind";
    public const string Duplicate = "caretransitions.duplicate";
}
