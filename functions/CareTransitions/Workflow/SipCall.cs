namespace CareTransitions.Workflow;

/// <summary>
/// The "SipCalled" event: the primary-care unit called, moved or cancelled the SIP meeting (samordnad individuell plan).
/// IMPORTANT: no personal data. The engine's history keeps it; the participants' names stay sealed in the app store.
/// </summary>
/// <param name="MeetingId">The meeting's id, also the calendar event's UID: stable when the meeting moves.</param>
/// <param name="Sequence">0 for the first call, one more for each move or cancellation (the calendar's SEQUENCE).</param>
/// <param name="CalledAt">When this call, move or cancellation was made.</param>
/// <param name="MeetingStart">When the meeting is to start.</param>
internal sealed record SipCalled(string MeetingId, int Sequence, DateTimeOffset CalledAt, DateTimeOffset MeetingStart, bool Cancelled = false)
{
    public const string EventName = "SipCalled";
}

/// <summary>What a transition knows of its SIP meeting.</summary>
internal sealed class SipCallProgress
{
    /// <summary>When the meeting was first called; a later move or cancellation does not change when the call was made.</summary>
    public DateTimeOffset? CalledAt { get; private set; }
    public string? MeetingId { get; private set; }
    public int Sequence { get; private set; } = -1;
    public DateTimeOffset? MeetingStart { get; private set; }
    public bool Cancelled { get; private set; }
    public DateTimeOffset? RemindedAt { get; set; }
    public DateTimeOffset? EscalatedAt { get; set; }
    public string? EscalatedTo { get; set; }

    public void Record(SipCalled call)
    {
        if (!call.Cancelled)
        {
            this.CalledAt ??= call.CalledAt;
        }

        // Events may be raised out of order by concurrent requests: the highest sequence of the latest meeting wins.
        if (call.MeetingId != this.MeetingId || call.Sequence > this.Sequence)
        {
            this.MeetingId = call.MeetingId;
            this.Sequence = call.Sequence;
            this.MeetingStart = call.MeetingStart;
            this.Cancelled = call.Cancelled;
        }
    }
}
