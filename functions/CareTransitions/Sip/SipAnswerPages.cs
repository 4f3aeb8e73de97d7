using CareTransitions.Notifications;
using CareTransitions.Pages;

namespace CareTransitions.Sip;

/// <summary>The small Swedish answer page: the meeting's time and place, accept or decline with a comment. No personal data.</summary>
internal static class SipAnswerPages
{
    public static string Form(SipMeeting meeting, SipAnswerGrant grant, string action, string antiforgeryField, string antiforgeryValue, string? error) =>
        Layout("Svara på kallelse till SIP-möte", $"""
            <h1>Svara på kallelse till SIP-möte</h1>
            <dl><dt>Tid</dt><dd>{E(SwedishTexts.Time(meeting.Start))}</dd>
            {(meeting.Place is { } place ? $"<dt>Plats</dt><dd>{E(place)}</dd>" : "")}
            {(meeting.VideoLink is { } link ? $"<dt>Videolänk</dt><dd><a href=\"{E(link)}\">{E(link)}</a></dd>" : "")}</dl>
            {(grant.Answer is { } given ? $"<p>Ert svar nu: {(given == "Accepted" ? "kommer" : "kommer inte")}{(grant.Comment is { } c ? $" ({E(c)})" : "")}. Ni kan ändra det.</p>" : "")}
            {(error is null ? "" : $"<p role=\"alert\">{E(error)}</p>")}
            <form method="post" action="{E(action)}">
            <input type="hidden" name="{E(antiforgeryField)}" value="{E(antiforgeryValue)}">
            <fieldset><legend>Kommer ni?</legend>
            <p><input type="radio" id="accept" name="answer" value="accept"><label for="accept">Ja, vi kommer</label></p>
            <p><input type="radio" id="decline" name="answer" value="decline"><label for="decline">Nej, vi kan inte komma</label></p>
            </fieldset>
            <p><label for="comment">Kommentar (krävs om ni inte kan komma)</label><br><textarea id="comment" name="comment" maxlength="500" rows="3"></textarea></p>
            <p><button type="submit">Skicka svar</button></p>
            </form>
            """);

    public static string Message(string heading, string text) => Layout(heading, $"<h1>{E(heading)}</h1><p>{E(text)}</p>");

    private static string Layout(string title, string body) =>
        $"<!DOCTYPE html><html lang=\"sv\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{E(title)}</title></head><body><main>{body}</main></body></html>";

    private static string E(string text) => StaffPage.Encode(text);
}
