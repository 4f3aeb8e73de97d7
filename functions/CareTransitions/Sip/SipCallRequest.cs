namespace CareTransitions.Sip;

/// <summary>
/// The body of POST /api/transitions/{id}/sip-call: when and where the SIP meeting is, and who takes part. A second call
/// moves the same meeting. <see cref="PatientName"/> and <see cref="NextOfKin"/> are personal data: sealed, never emailed.
/// </summary>
/// <param name="End">When it ends; an hour after <paramref name="Start"/> when left out.</param>
/// <param name="Participants">Unit ids among the transition's units (GET /api/transitions/{id}: <c>units[].unitId</c>).</param>
internal sealed record SipCallRequest(
    DateTimeOffset? Start, DateTimeOffset? End, string? Place, string? VideoLink, IReadOnlyList<string>? Participants, string? PatientName, string? NextOfKin)
{
    public const int MaxText = 200;

    /// <summary>Each bad field with what is wrong, in the words a client can act on; empty when the call can be made.</summary>
    public Dictionary<string, string[]> Problems(IReadOnlyCollection<string> transitionUnits, DateTimeOffset now)
    {
        var problems = new Dictionary<string, string[]>();
        if (this.Start is not { } start)
        {
            problems["start"] = ["Required: when the meeting starts, with its offset (e.g. 2026-12-01T09:00:00+01:00)."];
        }
        else if (start < now.AddDays(-1))
        {
            problems["start"] = ["The meeting cannot start in the past."];
        }

        if (this.End is { } end && this.Start is { } begins && end <= begins)
        {
            problems["end"] = ["Must be after start."];
        }

        if (string.IsNullOrWhiteSpace(this.Place) && string.IsNullOrWhiteSpace(this.VideoLink))
        {
            problems["place"] = ["Give a place or a videoLink."];
        }

        if (this.Place is { Length: > MaxText })
        {
            problems["place"] = [$"At most {MaxText} characters."];
        }

        if (this.VideoLink is { Length: > 0 } link
            && (link.Length > 500 || !Uri.TryCreate(link, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps))
        {
            problems["videoLink"] = ["An absolute https URL of at most 500 characters."];
        }

        if (this.Participants is not { Count: > 0 } participants)
        {
            problems["participants"] = ["Name at least one of the transition's units."];
        }
        else if (participants.Where(p => !transitionUnits.Contains(p)).ToList() is { Count: > 0 } unknown)
        {
            problems["participants"] = [$"Not units of this transition: {string.Join(", ", unknown)}."];
        }

        if (this.PatientName is { Length: > MaxText })
        {
            problems["patientName"] = [$"At most {MaxText} characters."];
        }

        if (this.NextOfKin is { Length: > MaxText })
        {
            problems["nextOfKin"] = [$"At most {MaxText} characters."];
        }

        return problems;
    }
}
