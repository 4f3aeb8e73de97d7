using CareTransitions.Configuration;
using CareTransitions.Handover.Access;
using CareTransitions.Pages;
using CareTransitions.SignIn;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CareTransitions.AccessLogging;

/// <summary>
/// <c>/samordning/atkomstlogg</c> and its CSV export, for coordinators (Samordnare) signed in as themselves: the API
/// key does not open them, since every use is logged under the person's HSA-id.
/// </summary>
public static class AccessLogEndpoints
{
    /// <summary>The search page.</summary>
    public const string PagePath = "/samordning/atkomstlogg";

    /// <summary>The same search as CSV.</summary>
    public const string CsvPath = "/samordning/atkomstlogg.csv";

    internal const int PageRows = 500;


    /// <summary>Maps the page and the export; the host needs <c>UseAuthentication()</c> and <c>UseAuthorization()</c>.</summary>
    public static IEndpointRouteBuilder MapAccessLog(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("").WithTags("Access log").ExcludeFromDescription()
            .RequireAuthorization(SignInPolicies.Coordinator, SignInPolicies.Person);
        group.MapGet(PagePath, PageAsync).WithSummary("Search the access log of patient data");
        group.MapGet(CsvPath, CsvAsync).WithSummary("The access log search as CSV (semicolons, UTF-8 with BOM)");
        return endpoints;
    }

    internal static Task<IResult> PageAsync(HttpContext http, AccessLog log, IOptions<SignInOptions> signIn, ILogger<AccessLog> logger) =>
        PageForAsync(StaffIdentity.From(http.User, signIn.Value), http, log, logger);

    internal static Task<IResult> CsvAsync(HttpContext http, AccessLog log, IOptions<SignInOptions> signIn, ILogger<AccessLog> logger, TimeProvider clock) =>
        CsvForAsync(StaffIdentity.From(http.User, signIn.Value), http, log, logger, clock);

    /// <summary>The search page for <paramref name="person"/>, a coordinator the host signed in (null: without an HSA-id).</summary>
    internal static async Task<IResult> PageForAsync(StaffMember? person, HttpContext http, AccessLog log, ILogger logger)
    {
        var (filter, problems, query) = Read(http);
        if (person is null)
        {
            return WithoutHsaId(http);
        }
        if (query is null)
        {
            return Html(AccessLogPage.Render(person, StaffPageLinks.Of(http).SignOutPath, filter, problems, rows: null, cut: false), StatusCodes.Status400BadRequest);
        }

        // Recorded before the search, so the log shows the attempt even if the search itself fails.
        await RecordUseAsync(log, logger, person, filter, AccessOutcome.Search, http.RequestAborted);
        var rows = await log.SearchAsync(query, PageRows + 1, http.RequestAborted);
        var cut = rows.Count > PageRows;
        return Html(AccessLogPage.Render(person, StaffPageLinks.Of(http).SignOutPath, filter, problems, cut ? rows.Take(PageRows).ToList() : rows, cut), StatusCodes.Status200OK);
    }

    /// <summary>The CSV export for <paramref name="person"/>, a coordinator the host signed in (null: without an HSA-id).</summary>
    internal static async Task<IResult> CsvForAsync(StaffMember? person, HttpContext http, AccessLog log, ILogger logger, TimeProvider clock)
    {
        var (filter, problems, query) = Read(http);
        if (person is null)
        {
            return WithoutHsaId(http);
        }
        if (query is null)
        {
            return Html(AccessLogPage.Render(person, StaffPageLinks.Of(http).SignOutPath, filter, problems, rows: null, cut: false), StatusCodes.Status400BadRequest);
        }

        await RecordUseAsync(log, logger, person, filter, AccessOutcome.Export, http.RequestAborted);
        // A bound on one export's memory (AccessLog:MaxExportRows); a file cut short would look complete, so none is given.
        var limit = http.RequestServices.GetRequiredService<IOptions<AccessLogOptions>>().Value.MaxExportRows;
        var rows = await log.SearchAsync(query, limit + 1, http.RequestAborted);
        if (rows.Count > limit)
        {
            var most = limit.ToString("N0", Notifications.SwedishTexts.Culture);
            var tooMany = new[] { ("fran", $"Sökningen ger fler än {most} rader, fler än en fil får innehålla. Välj ett kortare datumintervall (från och till) eller en person.") };
            return Html(AccessLogPage.Render(person, StaffPageLinks.Of(http).SignOutPath, filter, tooMany, rows: null, cut: false), StatusCodes.Status400BadRequest);
        }

        var date = Workflow.SwedishTime.Date(clock.GetUtcNow()).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.File(AccessLogCsv.Write(rows), "text/csv; charset=utf-8", $"atkomstlogg-{date}.csv");
    }

    private static (AccessLogFilter Filter, IReadOnlyList<(string Field, string Message)> Problems, AccessLogQuery? Query) Read(HttpContext http)
    {
        var filter = AccessLogFilter.Parse(http.Request.Query);
        var (query, problems) = filter.Read();
        return (filter, problems, query);
    }

    private static async Task RecordUseAsync(AccessLog log, ILogger logger, StaffMember person, AccessLogFilter filter, AccessOutcome outcome, CancellationToken cancellationToken)
    {
        var unit = person.AllUnits ? HandoverAccess.AllUnitsInOpenMode : person.UnitHsaIds.FirstOrDefault();
        var what = filter.Describe();
        await log.RecordAsync(new AccessLogEntry(person.HsaId, person.Name, unit, null, null, what, outcome), cancellationToken);
        logger.AccessLogSearched(AccessOutcomes.Text(outcome), person.HsaId, what);
    }

    // The log must name who searched it; a session without an HSA-id cannot be named, so it may not search.
    private static IResult WithoutHsaId(HttpContext http) => Html(AccessLogPage.Message(StaffPageLinks.Of(http).SignOutPath, "Behörighet saknas",
        "Ditt konto saknar HSA-id från identitetsleverantören, så din användning av åtkomstloggen kan inte loggas. Kontakta förvaltningen."),
        StatusCodes.Status403Forbidden);

    private static ContentHttpResult Html(string page, int status) => TypedResults.Content(page, "text/html; charset=utf-8", statusCode: status);
}

internal static class AccessLogServiceCollectionExtensions
{
    /// <summary>The access log store and <c>AccessLog:Retention</c>, checked at start.</summary>
    public static IServiceCollection AddAccessLog(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<AccessLogOptions, AccessLogOptionsValidator>(configuration.GetSection(AccessLogOptions.SectionName));
        services.AddSingleton<AccessLog>();
        return services;
    }
}
