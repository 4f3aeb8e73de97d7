using System.Text.Json.Serialization;

namespace CareTransitions.Handover;

/// <summary>Where an assistive device (hjälpmedel) stands.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AssistiveDeviceState>))]
internal enum AssistiveDeviceState
{
    /// <summary>Behövs.</summary>
    Needed,

    /// <summary>Förskrivet.</summary>
    Prescribed,

    /// <summary>Levererat.</summary>
    Delivered,
}

/// <summary>Someone at the ward to call, by day or by night.</summary>
internal sealed record ContactPath(string Name, string Phone);

/// <summary>The ward's contact path: who answers by day, who by night, and the ward's functional mailbox.</summary>
/// <param name="Email">Where the ward hears of new messages in the conversation (a unit mailbox, not a person's).</param>
internal sealed record WardContact(ContactPath? Day, ContactPath? Night, string? Email = null);

/// <summary>What the ward hands over for the arbetsterapeut (AT) and the fysioterapeut (FT).</summary>
internal sealed record RehabilitationNeeds(string? OccupationalTherapy, string? Physiotherapy);

/// <summary>One assistive device, how far it has come, and who is responsible for it.</summary>
internal sealed record AssistiveDevice(string Device, AssistiveDeviceState State, string Responsible);

/// <summary>A närstående the units may need to reach (the patient is not to be their own coordinator).</summary>
internal sealed record NextOfKin(string Name, string? Relation, string? Phone);

/// <summary>What the ward planned, as the intake's <c>handover</c> object carries it.</summary>
internal sealed record HandoverPlan(
    WardContact? Contact,
    string? PlanningNotes,
    RehabilitationNeeds? Rehabilitation,
    IReadOnlyList<AssistiveDevice> AssistiveDevices,
    IReadOnlyList<NextOfKin> NextOfKin);

/// <summary>
/// Who the patient is and what the ward planned: personal data, sealed at rest (<see cref="PersonalDataCipher"/>) and
/// shown only on the handover page. It never enters the orchestration, an email, a URL, a log line or a statistic.
/// </summary>
internal sealed record HandoverInformation(string PersonalIdentityNumber, string? PatientName, HandoverPlan? Plan)
{
    /// <summary>This version with what a later message brings: a name or a plan replaces the earlier one, an absent one keeps it.</summary>
    public HandoverInformation With(HandoverInformation later) =>
        new(later.PersonalIdentityNumber, later.PatientName ?? this.PatientName, later.Plan ?? this.Plan);

    /// <summary>Same content (records compare lists by reference, so compare their serialized form).</summary>
    public bool SameAs(HandoverInformation other) =>
        HandoverJson.Serialize(this) == HandoverJson.Serialize(other);
}

/// <summary>One stored version of a transition's handover information.</summary>
internal sealed record HandoverVersion(int Version, DateTimeOffset RecordedAt, HandoverInformation Information);
