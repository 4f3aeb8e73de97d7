using CareTransitions.Configuration;
using CareTransitions.Intake;
using CareTransitions.Pages;
using CareTransitions.SignIn;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace CareTransitions.Handover.Workspace;

/// <summary>
/// <c>/overlamning/{id}</c>, the handover page, and its conversation's form post, for staff signed in as themselves
/// (the API key opens neither: every view is logged under a person's HSA-id). The emailed links lead here.
/// </summary>
public static class HandoverEndpoints
{
    public static IEndpointRouteBuilder MapHandover(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/overlamning").WithTags("Handover").ExcludeFromDescription().RequireAuthorization(SignInPolicies.Person);
        group.MapGet("/{id}", GetAsync).WithSummary("The handover page: patient, plan, status and conversation");
        // Antiforgery is checked in the handler, so a stale form gets the page back with its text rather than a bare 400.
        group.MapPost("/{id}/meddelanden", PostAsync).DisableAntiforgery().WithSummary("Post to the transition's conversation");
        group.MapPost($"/{{id}}/{HandoverSipSection.CallPath}", HandoverSipEndpoints.CallAsync).DisableAntiforgery().WithSummary("Call or move the SIP meeting (the primary-care unit)");
        group.MapPost($"/{{id}}/{HandoverSipSection.CancelPath}", HandoverSipEndpoints.CancelAsync).DisableAntiforgery().WithSummary("Cancel the SIP meeting (the primary-care unit)");
        return endpoints;
    }

    internal static Task<IResult> GetAsync(
        string id, HttpContext http, HandoverWorkspace workspace, DurableTaskClient client, IAntiforgery antiforgery, IOptions<SignInOptions> signIn) =>
        PageForAsync(StaffIdentity.From(http.User, signIn.Value), id, http, workspace, client, antiforgery);

    internal static Task<IResult> PostAsync(
        string id, HttpContext http, HandoverWorkspace workspace, DurableTaskClient client, IAntiforgery antiforgery, IOptions<SignInOptions> signIn) =>
        PostForAsync(StaffIdentity.From(http.User, signIn.Value), id, http, workspace, client, antiforgery);

    /// <summary>The page for <paramref name="person"/>, whom the host signed in (null: signed in without an HSA-id).</summary>
    internal static async Task<IResult> PageForAsync(
        StaffMember? person, string id, HttpContext http, HandoverWorkspace workspace, DurableTaskClient client, IAntiforgery antiforgery)
    {
        NoStore(http);
        if (person is null)
        {
            return WithoutHsaId(http);
        }

        var answer = await workspace.OpenAsync(client, person, id, HandoverWorkspace.ShownWhat, http.RequestAborted);
        var notice = http.Request.Query.ContainsKey("skickat") ? "Meddelandet är skickat. Avdelningen och enheterna har fått e-post om det."
            : HandoverSipEndpoints.Notice(http.Request.Query["sip"].ToString());
        return Answer(http, antiforgery, person, id, answer, notice, error: null, draft: null);
    }

    /// <summary>The form post of <paramref name="person"/>, whom the host signed in (null: signed in without an HSA-id).</summary>
    internal static async Task<IResult> PostForAsync(
        StaffMember? person, string id, HttpContext http, HandoverWorkspace workspace, DurableTaskClient client, IAntiforgery antiforgery)
    {
        NoStore(http);
        if (person is null)
        {
            return WithoutHsaId(http);
        }

        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(http.RequestAborted) : null;
        var text = form?["text"].ToString().Trim() ?? string.Empty;
        var error = !await antiforgery.IsRequestValidAsync(http)
            ? "Sidan var för gammal. Ditt meddelande står kvar: tryck Skicka igen."
            : MessageProblem(text);
        if (error is not null)
        {
            var again = await workspace.OpenAsync(client, person, id, HandoverWorkspace.ShownWhat, http.RequestAborted);
            return Answer(http, antiforgery, person, id, again, notice: null, error, text, StatusCodes.Status400BadRequest);
        }

        var posted = await workspace.PostAsync(client, person, id, text, http.RequestAborted);
        if (posted is HandoverAnswer.Posted { NotEmailed.Count: > 0 } partly)
        {
            var shown = await workspace.OpenAsync(client, person, id, HandoverWorkspace.ShownWhat, http.RequestAborted);
            var notice = $"Meddelandet är sparat, men e-post kunde inte skickas till: {string.Join(", ", partly.NotEmailed)}. Ring dem om det brådskar.";
            return Answer(http, antiforgery, person, id, shown, notice, error: null, draft: null);
        }

        return posted is HandoverAnswer.Posted
            ? Results.Redirect($"{PublicUrls.HandoverPath(id)}?skickat=1#samtal", permanent: false, preserveMethod: false)
            : Answer(http, antiforgery, person, id, posted, notice: null, error: null, draft: null);
    }

    /// <summary>The text's problem in Swedish, or null: 1–2000 characters, line breaks allowed, no hidden characters.</summary>
    internal static string? MessageProblem(string text) =>
        text.Length == 0 ? "Skriv ett meddelande och tryck Skicka."
        : text.Length > ConversationStore.MaxTextLength ? $"Meddelandet är för långt: högst {ConversationStore.MaxTextLength} tecken."
        : UnsafeText.Contains(text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\n', ' ').Replace('\t', ' ')) ? "Meddelandet innehåller osynliga tecken eller styrtecken. Skriv det igen utan dem."
        : null;

    internal static IResult Answer(
        HttpContext http, IAntiforgery antiforgery, StaffMember person, string id, HandoverAnswer answer, string? notice, string? error, string? draft,
        int okStatus = StatusCodes.Status200OK, HandoverSipForm? sipForm = null)
    {
        switch (answer)
        {
            case HandoverAnswer.Shown shown:
                var tokens = antiforgery.GetAndStoreTokens(http);
                return Html(HandoverPage.Render(shown.View, StaffPageLinks.Of(http).SignOutPath, $"{PublicUrls.HandoverPath(id)}/meddelanden", tokens.FormFieldName, tokens.RequestToken!, notice, error, draft, sipForm), okStatus);
            case HandoverAnswer.NotSipCaller:
                return Html(HandoverPage.Message(person, StaffPageLinks.Of(http).SignOutPath, "Bara vårdcentralen kallar till SIP-möte",
                    "SIP-mötet kallas, flyttas och ställs in av personal på vårdövergångens vårdcentral. Försöket har loggats. Du ser mötet och svaren på överlämningssidan."),
                    StatusCodes.Status403Forbidden);
            case HandoverAnswer.Refused:
                return Html(HandoverPage.Message(person, StaffPageLinks.Of(http).SignOutPath, "Du har inte behörighet till den här vårdövergången",
                    "Patientuppgifterna visas bara för personal på avdelningen som skickade vårdövergången och på de enheter som tar emot den. Försöket har loggats. Kontakta din samordnare om du behöver uppgifterna i ditt arbete."),
                    StatusCodes.Status403Forbidden);
            case HandoverAnswer.Unreadable unreadable:
                return Html(HandoverPage.Message(person, StaffPageLinks.Of(http).SignOutPath, "Uppgifterna kan inte läsas just nu",
                    $"Patientuppgifterna är krypterade med en nyckel som tjänsten inte har ({unreadable.KeyProblem}). Kontakta förvaltningen: nyckeln behöver läggas tillbaka i PersonalData:Keys."),
                    StatusCodes.Status500InternalServerError);
            default:
                return Html(HandoverPage.Message(person, StaffPageLinks.Of(http).SignOutPath, "Vårdövergången finns inte",
                    "Det finns ingen vårdövergång med den adressen, eller så är den avslutad och borttagen. Kontrollera länken i e-postmeddelandet."),
                    StatusCodes.Status404NotFound);
        }
    }

    internal static IResult WithoutHsaId(HttpContext http) =>
        Html(HandoverPage.Message(null, StaffPageLinks.Of(http).SignOutPath, "Inloggningen saknar HSA-id",
            "Din inloggning innehåller inget HSA-id, så det går inte att avgöra vilka enheter du arbetar för. Logga in med SITHS-kort eller kontakta förvaltningen."),
            StatusCodes.Status403Forbidden);

    // Patient data is never kept by a browser's or a proxy's cache (as antiforgery would also set it, so it does not warn).
    internal static void NoStore(HttpContext http) => http.Response.Headers.CacheControl = "no-cache, no-store";

    private static IResult Html(string html, int statusCode) => Results.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, statusCode);
}
