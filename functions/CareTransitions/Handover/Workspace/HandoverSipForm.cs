using System.Globalization;
using CareTransitions.Sip;
using CareTransitions.Workflow;

namespace CareTransitions.Handover.Workspace;

/// <summary>
/// The handover page's "Kalla till SIP-möte" form as the person filled it in: Swedish local date and times, place or
/// video link, the participating units, and the patient's and next of kin's names as free text. Kept as typed, so a
/// form with a mistake comes back with everything still in it.
/// </summary>
internal sealed record HandoverSipForm(
    string Date, string Start, string End, string Place, string VideoLink, IReadOnlyList<string> Participants, string Patient, string NextOfKin,
    string? Error = null)
{
    /// <summary>A blank form: every unit of the transition takes part until the caller unticks it.</summary>
    public static HandoverSipForm Blank(TransitionStatus status) =>
        new(string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, status.Units.Select(u => u.UnitId).ToList(), string.Empty, string.Empty);

    /// <summary>
    /// The meeting as it stands, for moving it. An hour-long meeting leaves the end blank, so moving only its start moves
    /// the whole hour instead of ending before it begins.
    /// </summary>
    public static HandoverSipForm Of(SipMeeting meeting)
    {
        var start = SwedishTime.ToLocal(meeting.Start);
        return new(
            start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), start.ToString("HH:mm", CultureInfo.InvariantCulture),
            meeting.End - meeting.Start == TimeSpan.FromHours(1) ? string.Empty : SwedishTime.ToLocal(meeting.End).ToString("HH:mm", CultureInfo.InvariantCulture), meeting.Place ?? string.Empty, meeting.VideoLink ?? string.Empty,
            meeting.Participants, meeting.People.Patient ?? string.Empty, meeting.People.NextOfKin ?? string.Empty);
    }

    public static HandoverSipForm Read(IFormCollection? form) => new(
        Field(form, "datum"), Field(form, "start"), Field(form, "slut"), Field(form, "plats"), Field(form, "videolank"),
        form?["enheter"].Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList() ?? [], Field(form, "patient"), Field(form, "narstaende"));

    /// <summary>The API's request, or the first thing to correct in Swedish. The library checks the rest (<see cref="SipCallRequest.Problems"/>).</summary>
    public (SipCallRequest? Request, string? Problem) ToRequest()
    {
        if (!DateOnly.TryParseExact(this.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            || !TryTime(this.Start, out var startsAt))
        {
            return (null, "Ange datum och starttid för mötet.");
        }

        DateTimeOffset? end = null;
        if (this.End.Length > 0)
        {
            if (!TryTime(this.End, out var endsAt) || endsAt <= startsAt)
            {
                return (null, "Sluttiden ska vara en tid efter starttiden samma dag, eller lämnas tom (mötet blir då en timme).");
            }

            end = Local(date, endsAt);
        }

        if (this.Place.Length == 0 && this.VideoLink.Length == 0)
        {
            return (null, "Ange en plats eller en videolänk.");
        }

        if (this.Participants.Count == 0)
        {
            return (null, "Välj minst en enhet som ska delta.");
        }

        return (new SipCallRequest(Local(date, startsAt), end, this.Place, this.VideoLink, this.Participants, this.Patient, this.NextOfKin), null);
    }

    /// <summary>The library's objections (by the API's field names) in Swedish.</summary>
    public static string Swedish(IDictionary<string, string[]> problems) => string.Join(" ", problems.Keys.Order(StringComparer.Ordinal).Select(field => field switch
    {
        "start" => "Mötet kan inte ligga bakåt i tiden.",
        "end" => "Sluttiden ska vara efter starttiden.",
        "place" => $"Platsen får vara högst {SipCallRequest.MaxText} tecken.",
        "videoLink" => "Videolänken ska vara en fullständig https-adress (högst 500 tecken).",
        "participants" => "Välj bland vårdövergångens enheter.",
        "patientName" => $"Patientens namn får vara högst {SipCallRequest.MaxText} tecken.",
        "nextOfKin" => $"Närståendes namn får vara högst {SipCallRequest.MaxText} tecken.",
        _ => $"Fältet {field} behöver rättas.",
    }));

    private static DateTimeOffset Local(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time);
        return new DateTimeOffset(local, TimeZoneInfo.FindSystemTimeZoneById(SwedishTime.ZoneId).GetUtcOffset(local));
    }

    private static bool TryTime(string text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    private static string Field(IFormCollection? form, string name) => form?[name].ToString().Trim() ?? string.Empty;
}
