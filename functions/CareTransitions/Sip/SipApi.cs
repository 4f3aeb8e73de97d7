using System.Security.Claims;
using CareTransitions.Acknowledgements;
using CareTransitions.Audit;
using CareTransitions.OpenApi;
using CareTransitions.SignIn;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CareTransitions.Sip;

/// <summary>
/// The SIP call: POST /api/transitions/{id}/sip-call (and /cancel) for the primary-care unit's system with the API key or a
/// signed-in coordinator, and /sip/{token}, where each participating unit answers from its email.
/// </summary>
internal static class SipApi
{
    public static IServiceCollection AddSipCalls(this IServiceCollection services) =>
        services.AddSingleton<SipMeetingStore>().AddScoped<SipCalls>();

    public static IEndpointRouteBuilder MapSipCalls(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/transitions").WithTags("Coordinators").RequireAuthorization(SignInPolicies.Coordinator).DocumentApiKey();
        api.MapPost("/{id}/sip-call", (string id, SipCallRequest body, SipCalls calls, ClaimsPrincipal user, CancellationToken ct) => calls.CallAsync(id, body, AuditActors.Of(user), ct))
            .WithName("CallSipMeeting").WithSummary("Call the SIP meeting, or move it (same UID, SEQUENCE + 1)")
            .WithDescription("Emails each participating unit an iCalendar invitation (METHOD:REQUEST) and its answer link; the patient's and next of kin's names are sealed and never emailed.")
            .DocumentSipCall();
        api.MapPost("/{id}/sip-call/cancel", (string id, SipCalls calls, ClaimsPrincipal user, CancellationToken ct) => calls.CancelAsync(id, AuditActors.Of(user), ct))
            .WithName("CancelSipMeeting").WithSummary("Cancel the SIP meeting (METHOD:CANCEL to every participant)")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        // Rate-limited per client as /ack is: a token is guessed no faster than an acknowledgement link.
        var page = endpoints.MapGroup("/sip").WithTags("SIP").ExcludeFromDescription().RequireRateLimiting(AcknowledgementRateLimit.Policy);
        page.MapGet("/{token}", GetAsync);
        page.MapPost("/{token}", PostAsync).DisableAntiforgery();
        return endpoints;
    }

    internal static async Task<ContentHttpResult> GetAsync(string token, HttpContext http, SipMeetingStore store, IAntiforgery antiforgery, CancellationToken ct)
    {
        if (await Resolve(token, store, ct) is not ({ } grant, { } meeting))
        {
            return Page(SipAnswerPages.Message("Länken gäller inte", "Länken är okänd, har gått ut eller gäller en äldre tid för mötet. Använd länken i det senaste mejlet."), StatusCodes.Status404NotFound);
        }

        var tokens = antiforgery.GetAndStoreTokens(http);
        return Page(SipAnswerPages.Form(meeting, grant, $"/sip/{token}", tokens.FormFieldName, tokens.RequestToken!, error: null));
    }

    internal static async Task<ContentHttpResult> PostAsync(
        string token, HttpContext http, SipMeetingStore store, IAntiforgery antiforgery, AuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        if (await Resolve(token, store, ct) is not ({ } grant, { } meeting))
        {
            return Page(SipAnswerPages.Message("Länken gäller inte", "Länken är okänd, har gått ut eller gäller en äldre tid för mötet. Använd länken i det senaste mejlet."), StatusCodes.Status404NotFound);
        }

        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(ct) : null;
        var answer = form?["answer"].ToString();
        var comment = form?["comment"].ToString().Trim();
        var error = !await antiforgery.IsRequestValidAsync(http)
            ? "Sidan var för gammal. Välj ditt svar och skicka igen."
            : answer is not ("accept" or "decline") ? "Välj om ni kommer eller inte."
            : answer == "decline" && string.IsNullOrEmpty(comment) ? "Skriv varför ni inte kan komma."
            : comment is { Length: > 500 } ? "Kommentaren får vara högst 500 tecken." : null;
        if (error is not null)
        {
            var tokens = antiforgery.GetAndStoreTokens(http);
            return Page(SipAnswerPages.Form(meeting, grant, $"/sip/{token}", tokens.FormFieldName, tokens.RequestToken!, error), StatusCodes.Status400BadRequest);
        }

        await store.AnswerAsync(token, answer == "accept", string.IsNullOrEmpty(comment) ? null : comment, clock.GetUtcNow(), ct);
        await audit.RecordAsync($"link ({grant.UnitId})", AuditActions.SipAnswered, grant.TransitionId, grant.UnitId, answer, ct);
        return Page(SipAnswerPages.Message("Tack för ert svar", answer == "accept" ? "Ni har tackat ja till SIP-mötet." : "Ni har tackat nej till SIP-mötet. Den som kallade ser er kommentar."));
    }

    /// <summary>A live link of the meeting's current version; a moved or cancelled meeting's old links no longer answer.</summary>
    private static async Task<(SipAnswerGrant?, SipMeeting?)> Resolve(string token, SipMeetingStore store, CancellationToken ct) =>
        await store.FindAsync(token, ct) is { } grant && grant.ExpiresAt > DateTimeOffset.UtcNow
            && await store.LatestAsync(grant.TransitionId, ct) is { } meeting && meeting.MeetingId == grant.MeetingId && meeting.Sequence == grant.Sequence && !meeting.Cancelled
            ? (grant, meeting) : (null, null);

    private static ContentHttpResult Page(string html, int statusCode = StatusCodes.Status200OK) =>
        TypedResults.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, statusCode);
}
