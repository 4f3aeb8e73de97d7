using CareTransitions.Audit;
using CareTransitions.Directory;
using CareTransitions.Pages;
using CareTransitions.SignIn;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.DurableTask.Client;

namespace CareTransitions.Worklist;

/// <summary>
/// The work list's handlers as plain methods, for a person the host signed in (null: signed in without an HSA-id), so the
/// standalone service and the Functions app each call them in a line.
/// </summary>
internal sealed class WorklistHandlers(
    WorklistSource source, WorklistActions actions, UnitsDirectory directory, AuditLog audit, WorklistAuditThrottle throttle, IAntiforgery antiforgery, TimeProvider clock)
{
    public async Task<IResult> PageAsync(StaffMember? person, HttpContext http, DurableTaskClient client)
    {
        var (refusal, filter, rows) = await this.ReadListAsync(person, http, client, "sida");
        return refusal ?? Html(WorklistPage.Render(person!, SignOut(http), filter, [], rows, source.Now), StatusCodes.Status200OK);
    }

    public async Task<IResult> CsvAsync(StaffMember? person, HttpContext http, DurableTaskClient client)
    {
        var (refusal, _, rows) = await this.ReadListAsync(person, http, client, "csv");
        if (refusal is not null)
        {
            return refusal;
        }

        var date = Workflow.SwedishTime.Date(clock.GetUtcNow()).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return Results.File(WorklistCsv.Write(rows), "text/csv; charset=utf-8", $"samordning-{date}.csv");
    }

    public async Task<IResult> TransitionAsync(StaffMember? person, string id, HttpContext http, DurableTaskClient client)
    {
        NoStore(http);
        if (person is null)
        {
            return WithoutHsaId(http);
        }
        var found = await source.OneAsync(client, WorklistScope.For(person, directory), id, http.RequestAborted);
        if (found is not { } one)
        {
            return NotFound(http);
        }
        await audit.RecordAsync(WorklistActions.Actor(person), AuditActions.TransitionViewed, id, detail: "samordning", cancellationToken: http.RequestAborted);
        return this.Transition(http, person, one.Row, Notice(http.Request.Query["klart"].ToString()), error: null, StatusCodes.Status200OK);
    }

    public async Task<IResult> ActAsync(StaffMember? person, string id, string action, HttpContext http, DurableTaskClient client)
    {
        NoStore(http);
        if (person is null)
        {
            return WithoutHsaId(http);
        }
        var found = await source.OneAsync(client, WorklistScope.For(person, directory), id, http.RequestAborted);
        if (found is not { } one || action is not ("skicka-igen" or "telefon" or "avbrott"))
        {
            return NotFound(http);
        }

        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(http.RequestAborted) : null;
        var unit = form?["enhet"].ToString() ?? "";
        var reason = form?["skal"].ToString().Trim() ?? "";
        var name = form?["namn"].ToString().Trim() ?? "";
        var problem = !await antiforgery.IsRequestValidAsync(http) ? "Sidan var för gammal. Fyll i formuläret igen och skicka."
            : reason.Length is 0 or > 300 ? "Skriv ett skäl (högst 300 tecken): det sparas i granskningsloggen."
            : action == "telefon" && name.Length is 0 or > 100 ? "Skriv namnet på den som tog över (högst 100 tecken)."
            : null;
        if (problem is not null)
        {
            return this.Transition(http, person, one.Row, notice: null, problem, StatusCodes.Status400BadRequest);
        }

        var answer = action switch
        {
            "skicka-igen" => await actions.ResendAsync(person, one.Row, unit, reason, http.RequestAborted),
            "telefon" => await actions.AcknowledgeByPhoneAsync(person, one.Row, unit, name, reason, client, http.RequestAborted),
            _ => await actions.WithdrawAsync(person, one.Row, one.Instance, reason, client, http.RequestAborted),
        };
        return answer.Error is { } error
            ? this.Transition(http, person, one.Row, notice: null, error, StatusCodes.Status409Conflict)
            : Results.Redirect($"{WorklistEndpoints.TransitionPath(id)}?klart={action}", permanent: false, preserveMethod: false);
    }

    /// <summary>What the page and the CSV share: the person, the filter read (a bad one answers the page with its problems), the rows.</summary>
    private async Task<(IResult? Refusal, WorklistFilter Filter, IReadOnlyList<WorklistRow> Rows)> ReadListAsync(
        StaffMember? person, HttpContext http, DurableTaskClient client, string view)
    {
        NoStore(http);
        var filter = WorklistFilter.Parse(http.Request.Query);
        if (person is null)
        {
            return (WithoutHsaId(http), filter, []);
        }

        var problems = filter.Problems();
        if (problems.Count > 0)
        {
            return (Html(WorklistPage.Render(person, SignOut(http), filter, problems, rows: null, source.Now), StatusCodes.Status400BadRequest), filter, []);
        }

        return (null, filter, await this.ListAsync(person, filter, client, view, http.RequestAborted));
    }

    private async Task<IReadOnlyList<WorklistRow>> ListAsync(StaffMember person, WorklistFilter filter, DurableTaskClient client, string what, CancellationToken cancellationToken)
    {
        var open = await source.OpenAsync(client, WorklistScope.For(person, directory), cancellationToken);
        var rows = filter.Apply(open).ToList();
        var actor = WorklistActions.Actor(person);
        if (what != "sida" || throttle.ShouldRecord(actor, filter.Describe()))
        {
            await audit.RecordAsync(actor, AuditActions.WorklistListed, null, detail: $"{what}: {filter.Describe()}; antal={rows.Count}", cancellationToken: cancellationToken);
        }
        return rows;
    }

    private IResult Transition(HttpContext http, StaffMember person, WorklistRow row, string? notice, string? error, int status)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return Html(WorklistTransitionPage.Render(person, SignOut(http), row, new FormToken(tokens.FormFieldName, tokens.RequestToken!), notice, error), status);
    }

    // After the redirect: what was done, in words. The workflow applies it within seconds, so the page may still show the state before.
    private static string? Notice(string done) => done switch
    {
        "skicka-igen" => "En ny länk är skickad med e-post. Den gamla länken fungerar inte längre.",
        "telefon" => "Kvittensen via telefon är registrerad. Sidan visar den inom några sekunder; ladda om sidan.",
        "avbrott" => "Avbrottet är gjort. Sidan visar det inom några sekunder; ladda om sidan.",
        _ => null,
    };

    private static string SignOut(HttpContext http) => StaffPageLinks.Of(http).SignOutPath;

    private static IResult NotFound(HttpContext http) => Html(WorklistPage.Message(SignOut(http), "Vårdövergången finns inte i din lista",
        "Det finns ingen öppen vårdövergång med den adressen för dina enheter. Den kan vara avslutad, eller höra till en annan kommun eller avdelning."),
        StatusCodes.Status404NotFound);

    // The audit log must name who did it; a session without an HSA-id cannot be named.
    private static IResult WithoutHsaId(HttpContext http) => Html(WorklistPage.Message(SignOut(http), "Behörighet saknas",
        "Ditt konto saknar HSA-id från identitetsleverantören, så det går inte att avgöra vilka enheter du arbetar för. Kontakta förvaltningen."),
        StatusCodes.Status403Forbidden);

    private static void NoStore(HttpContext http) => http.Response.Headers.CacheControl = "no-cache, no-store";

    private static IResult Html(string html, int status) => Results.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);
}
