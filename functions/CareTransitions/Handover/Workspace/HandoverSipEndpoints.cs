using CareTransitions.Configuration;
using CareTransitions.SignIn;
using CareTransitions.Sip;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace CareTransitions.Handover.Workspace;

/// <summary>
/// The SIP form posts of the handover page: the primary-care unit's staff call, move and cancel the meeting through the
/// same <see cref="SipCalls"/> as the API, audited under their HSA-id and logged in the access log as what they did.
/// </summary>
internal static class HandoverSipEndpoints
{
    public const string CalledWhat = "SIP: kallade";
    public const string MovedWhat = "SIP: flyttade";
    public const string CancelledWhat = "SIP: ställde in";

    internal static Task<IResult> CallAsync(
        string id, HttpContext http, HandoverWorkspace workspace, DurableTaskClient client, IAntiforgery antiforgery, SipCalls calls, SipMeetingStore meetings,
        IOptions<SignInOptions> signIn) =>
        CallForAsync(StaffIdentity.From(http.User, signIn.Value), id, http, workspace, client, antiforgery, calls, meetings);

    internal static Task<IResult> CancelAsync(
        string id, HttpContext http, HandoverWorkspace workspace, DurableTaskClient client, IAntiforgery antiforgery, SipCalls calls, IOptions<SignInOptions> signIn) =>
        CancelForAsync(StaffIdentity.From(http.User, signIn.Value), id, http, workspace, client, antiforgery, calls);

    /// <summary>Calls or moves the meeting for <paramref name="person"/>, whom the host signed in (null: without an HSA-id).</summary>
    internal static async Task<IResult> CallForAsync(
        StaffMember? person, string id, HttpContext http, HandoverWorkspace workspace, DurableTaskClient client, IAntiforgery antiforgery, SipCalls calls,
        SipMeetingStore meetings)
    {
        HandoverEndpoints.NoStore(http);
        if (person is null)
        {
            return HandoverEndpoints.WithoutHsaId(http);
        }

        var form = HandoverSipForm.Read(http.Request.HasFormContentType ? await http.Request.ReadFormAsync(http.RequestAborted) : null);
        var (request, problem) = await antiforgery.IsRequestValidAsync(http) ? form.ToRequest() : (null, "Sidan var för gammal. Det du skrev står kvar: skicka igen.");
        if (request is null)
        {
            return await AgainAsync(person, id, http, workspace, client, antiforgery, form with { Error = problem });
        }

        // Whether this moves a meeting decides only the access log's words: no sealed data is opened before the decision.
        var moving = await meetings.HasActiveMeetingAsync(id, http.RequestAborted);
        if (await workspace.AuthorizeSipAsync(client, person, id, moving ? MovedWhat : CalledWhat, http.RequestAborted) is not HandoverAnswer.SipCaller and var refused)
        {
            return HandoverEndpoints.Answer(http, antiforgery, person, id, refused, notice: null, error: null, draft: null);
        }

        var result = await calls.CallAsync(id, request, AuditActors.Person(person), http.RequestAborted);
        return result.Result switch
        {
            Ok<SipCallView> => Done(id, moving ? "flyttat" : "kallat"),
            ValidationProblem invalid => await AgainAsync(person, id, http, workspace, client, antiforgery, form with { Error = HandoverSipForm.Swedish(invalid.ProblemDetails.Errors) }),
            _ => await AgainAsync(person, id, http, workspace, client, antiforgery, form with { Error = "Vårdövergången tar inte emot kallelser längre." }),
        };
    }

    /// <summary>Cancels the meeting for <paramref name="person"/>, whom the host signed in (null: without an HSA-id).</summary>
    internal static async Task<IResult> CancelForAsync(
        StaffMember? person, string id, HttpContext http, HandoverWorkspace workspace, DurableTaskClient client, IAntiforgery antiforgery, SipCalls calls)
    {
        HandoverEndpoints.NoStore(http);
        if (person is null)
        {
            return HandoverEndpoints.WithoutHsaId(http);
        }

        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(http.RequestAborted) : null;
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return await AgainAsync(person, id, http, workspace, client, antiforgery, sipForm: null, "Sidan var för gammal. Tryck Ställ in igen om mötet ska ställas in.");
        }

        if (form?[HandoverSipSection.ConfirmField].ToString() != "ja")
        {
            return await AgainAsync(person, id, http, workspace, client, antiforgery, sipForm: null,
                "Mötet är inte inställt. Kryssa i ”Ja, ställ in mötet” och tryck Ställ in, om alla enheter ska få veta att mötet är inställt.");
        }

        if (await workspace.AuthorizeSipAsync(client, person, id, CancelledWhat, http.RequestAborted) is not HandoverAnswer.SipCaller and var refused)
        {
            return HandoverEndpoints.Answer(http, antiforgery, person, id, refused, notice: null, error: null, draft: null);
        }

        var result = await calls.CancelAsync(id, AuditActors.Person(person), http.RequestAborted);
        return result.Result is Ok<SipCallView>
            ? Done(id, "installt")
            : await AgainAsync(person, id, http, workspace, client, antiforgery, sipForm: null, "Det finns inget kallat SIP-möte att ställa in.");
    }

    /// <summary>The notice after a redirect (<c>?sip=…</c>), or null.</summary>
    internal static string? Notice(string sip) => sip switch
    {
        "kallat" => "SIP-mötet är kallat. Enheterna får nu en kallelse med kalenderinbjudan och en länk för att svara.",
        "flyttat" => "SIP-mötet är flyttat. Enheterna får nu den nya tiden i samma kalenderhändelse och svarar på nytt.",
        "installt" => "SIP-mötet är inställt. Enheterna får nu ett meddelande som tar bort det ur kalendern.",
        _ => null,
    };

    private static IResult Done(string id, string what) =>
        Results.Redirect($"{PublicUrls.HandoverPath(id)}?sip={what}#sip", permanent: false, preserveMethod: false);

    /// <summary>The page again with what to correct; only the SIP caller gets it, anyone else the 403 as for any SIP post.</summary>
    private static async Task<IResult> AgainAsync(
        StaffMember person, string id, HttpContext http, HandoverWorkspace workspace, DurableTaskClient client, IAntiforgery antiforgery,
        HandoverSipForm? sipForm, string? error = null)
    {
        var shown = await workspace.OpenAsync(client, person, id, HandoverWorkspace.ShownWhat, http.RequestAborted);
        if (shown is HandoverAnswer.Shown { View.Sip.MayCall: false })
        {
            return HandoverEndpoints.Answer(http, antiforgery, person, id, new HandoverAnswer.NotSipCaller(), notice: null, error: null, draft: null);
        }

        // A cancel that failed shows its error above the form as it would be shown anyway.
        var form = sipForm ?? (shown is HandoverAnswer.Shown { View: var view }
            ? (view.Sip.Meeting is { Cancelled: false } live ? HandoverSipForm.Of(live) : HandoverSipForm.Blank(view.Status)) with { Error = error }
            : null);
        return HandoverEndpoints.Answer(http, antiforgery, person, id, shown, notice: null, error: null, draft: null, StatusCodes.Status400BadRequest, form);
    }
}
