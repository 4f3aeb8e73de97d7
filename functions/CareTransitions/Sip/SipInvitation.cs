using System.Text;
using CareTransitions.Notifications;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace CareTransitions.Sip;

/// <summary>
/// The email each participating unit gets, with the meeting as an iCalendar invitation (RFC 5546): METHOD:REQUEST for a
/// call or a move (same UID, SEQUENCE one higher, so calendars update the event), METHOD:CANCEL for a cancellation.
/// IMPORTANT: no personal data. The reference, the time, the place or link, the ward; the names stay on the handover page.
/// </summary>
internal static class SipInvitation
{
    public static string Calendar(SipMeeting meeting, string reference, string organizer, string attendee, DateTimeOffset stamp)
    {
        var calendar = new Calendar { Method = meeting.Cancelled ? "CANCEL" : "REQUEST", ProductId = "-//Vardovergangar//SIP//SV" };
        var invitation = new CalendarEvent
        {
            Uid = meeting.MeetingId,
            Sequence = meeting.Sequence,
            Summary = $"SIP-möte {reference}",
            Location = meeting.Place ?? meeting.VideoLink,
            Description = $"Samordnad individuell plan för vårdövergång {reference}." + (meeting.VideoLink is { } link ? $" Videolänk: {link}" : string.Empty),
            Status = meeting.Cancelled ? "CANCELLED" : "CONFIRMED",
            DtStart = new CalDateTime(meeting.Start.UtcDateTime),
            DtEnd = new CalDateTime(meeting.End.UtcDateTime),
            DtStamp = new CalDateTime(stamp.UtcDateTime),
            Organizer = new Organizer($"mailto:{organizer}"),
        };
        invitation.Attendees.Add(new Attendee($"mailto:{attendee}") { Role = "REQ-PARTICIPANT", ParticipationStatus = "NEEDS-ACTION", Rsvp = false });
        calendar.Events.Add(invitation);
        return new CalendarSerializer().SerializeToString(calendar)!;
    }

    public static EmailMessage Email(SipMeeting meeting, string reference, string unitName, string to, string organizer, string? answerUrl, string handoverUrl, DateTimeOffset stamp)
    {
        var moved = meeting.Sequence > 0 && !meeting.Cancelled;
        var subject = (meeting.Cancelled ? "Inställt SIP-möte" : moved ? "Ändrad tid för SIP-möte" : "Kallelse till SIP-möte") + $" – {reference}";
        var text = new StringBuilder()
            .AppendLine(meeting.Cancelled
                ? $"SIP-mötet för vårdövergång {reference} är inställt."
                : $"{unitName} kallas till SIP-möte (samordnad individuell plan) för vårdövergång {reference}.")
            .AppendLine()
            .Append("Tid: ").AppendLine($"{SwedishTexts.Time(meeting.Start)}–{Workflow.SwedishTime.ToLocal(meeting.End):HH:mm}");
        if (meeting.Place is { } place)
        {
            text.Append("Plats: ").AppendLine(place);
        }

        if (meeting.VideoLink is { } link)
        {
            text.Append("Videolänk: ").AppendLine(link);
        }

        text.AppendLine();
        if (answerUrl is not null)
        {
            text.AppendLine("Svara om ni kommer (eller inte kan komma):").AppendLine(answerUrl).AppendLine();
        }

        text.AppendLine("Patientuppgifter och deltagare (inloggning krävs):").AppendLine(handoverUrl).AppendLine()
            .AppendLine("Meddelandet innehåller inga patientuppgifter. Kalenderinbjudan är bifogad.");
        var plain = text.ToString();
        var html = "<!DOCTYPE html><html lang=\"sv\"><body style=\"font-family:sans-serif\"><pre style=\"font-family:inherit;white-space:pre-wrap\">"
            + System.Net.WebUtility.HtmlEncode(plain) + "</pre></body></html>";
        var calendar = Calendar(meeting, reference, organizer, to, stamp);
        var method = meeting.Cancelled ? "CANCEL" : "REQUEST";
        return new EmailMessage(
            MessageId(meeting, to, organizer), to, subject, plain, html,
            new EmailAttachment("sip.ics", $"text/calendar; method={method}; charset=utf-8", calendar));
    }

    /// <summary>From what the email is about (meeting, version, recipient), never from the attempt: a retry repeats it.</summary>
    public static string MessageId(SipMeeting meeting, string to, string organizer) =>
        $"<sip.{meeting.MeetingId}.{meeting.Sequence}{(meeting.Cancelled ? ".cancel" : "")}.{Safe(to)}@{organizer.Split('@')[^1]}>";

    private static string Safe(string text) => new(text.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());
}
