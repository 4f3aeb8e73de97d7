using CareTransitions.Configuration;
using CareTransitions.SignIn;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace CareTransitions.Worklist;

/// <summary>
/// <c>/samordning</c>, the coordinators' work list, its CSV, one transition's page and its three actions, for coordinators
/// (Samordnare) signed in as themselves: the API key opens none of it, since every use is audited under a person.
/// </summary>
public static class WorklistEndpoints
{
    /// <summary>The work list.</summary>
    public const string PagePath = "/samordning";

    /// <summary>The work list as filtered, as CSV.</summary>
    public const string CsvPath = "/samordning/lista.csv";

    /// <summary>The self-refresh script (a file: the CSP runs no inline script).</summary>
    public const string ScriptPath = "/samordning/uppdatera.js";

    internal static string TransitionPath(string id) => $"/samordning/overgang/{Uri.EscapeDataString(id)}";

    /// <summary>Maps the work list; the host needs <c>UseAuthentication()</c> and <c>UseAuthorization()</c>.</summary>
    public static IEndpointRouteBuilder MapWorklist(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(PagePath).WithTags("Work list").ExcludeFromDescription()
            .RequireAuthorization(SignInPolicies.Coordinator, SignInPolicies.Person);
        group.MapGet("", (HttpContext http, DurableTaskClient client, WorklistHandlers handlers, IOptions<SignInOptions> signIn) =>
            handlers.PageAsync(Person(http, signIn), http, client)).WithSummary("The open transitions of the person's units, overdue first");
        group.MapGet("/lista.csv", (HttpContext http, DurableTaskClient client, WorklistHandlers handlers, IOptions<SignInOptions> signIn) =>
            handlers.CsvAsync(Person(http, signIn), http, client)).WithSummary("The work list as filtered, as CSV (semicolons, UTF-8 with BOM)");
        group.MapGet("/overgang/{id}", (string id, HttpContext http, DurableTaskClient client, WorklistHandlers handlers, IOptions<SignInOptions> signIn) =>
            handlers.TransitionAsync(Person(http, signIn), id, http, client)).WithSummary("One transition with the coordinators' actions");
        // Antiforgery is checked in the handler, so a stale form gets the page back with a Swedish reason rather than a bare 400.
        group.MapPost("/overgang/{id}/{action}", (string id, string action, HttpContext http, DurableTaskClient client, WorklistHandlers handlers, IOptions<SignInOptions> signIn) =>
            handlers.ActAsync(Person(http, signIn), id, action, http, client)).DisableAntiforgery().WithSummary("Resend a link, record a phone acknowledgement, or withdraw");
        // The script carries nothing personal; it is behind sign-in only because the whole group is.
        group.MapGet("/uppdatera.js", () => Script()).WithSummary("The work list's self-refresh");
        return endpoints;
    }

    internal static IResult Script() => Results.Text(WorklistRefreshScript.Source, "text/javascript; charset=utf-8");

    private static StaffMember? Person(HttpContext http, IOptions<SignInOptions> signIn) => StaffIdentity.From(http.User, signIn.Value);
}

internal static class WorklistServiceCollectionExtensions
{
    public static IServiceCollection AddWorklist(this IServiceCollection services)
    {
        services.AddSingleton<WorklistSource>();
        services.AddSingleton<WorklistCandidates>();
        services.AddSingleton<WorklistActions>();
        services.AddSingleton<WorklistHandlers>();
        services.AddSingleton<WorklistAuditThrottle>();
        return services;
    }
}
