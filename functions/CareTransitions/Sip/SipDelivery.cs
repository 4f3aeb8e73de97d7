namespace CareTransitions.Sip;

/// <summary>
/// One call, move or cancellation to mail: the <see cref="SipDeliveryOrchestrator"/>'s input. Ids only: the meeting's
/// place, times and names stay in the app store, so the engine's history holds nothing a person could be found by.
/// </summary>
/// <param name="Invited">The units that get this version: the invitation, or its cancellation when <paramref name="Cancelled"/>.</param>
/// <param name="Dropped">Units taken off a moved meeting: they get a cancellation.</param>
internal sealed record SipDelivery(string TransitionId, string MeetingId, int Sequence, bool Cancelled, IReadOnlyList<string> Invited, IReadOnlyList<string> Dropped)
{
    /// <summary>One delivery per version of a meeting: scheduling it twice finds the first.</summary>
    public string InstanceId => $"sipmail-{this.MeetingId}-{this.Sequence}";
}

/// <summary>One unit's email of one version of a meeting: the <see cref="SendSipInvitation"/> activity's input.</summary>
internal sealed record SipInvitationRequest(string TransitionId, string MeetingId, int Sequence, string UnitId, bool Cancel);
