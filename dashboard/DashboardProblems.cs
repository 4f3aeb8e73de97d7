using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard;

/// <summary>
/// The dashboard's problem+json answers, in one language: Swedish, title and detail alike, for the steering group and
/// the tools it uses (<c>/dashboard…</c>, <c>/api/statistics</c>).
/// </summary>
internal static class DashboardProblems
{
    /// <summary>A refused value, each field's fix in <c>errors</c>.</summary>
    public static ValidationProblem Invalid(IDictionary<string, string[]> errors, string title, string detail) =>
        TypedResults.ValidationProblem(errors, detail: detail, title: title);

    /// <summary>A filter value the parser refused.</summary>
    public static ValidationProblem InvalidFilter(IDictionary<string, string[]> errors) =>
        Invalid(errors, "Ogiltigt filter", "Ett eller flera filtervärden är ogiltiga; se errors för fält och rättelse.");

    /// <summary>
    /// Problems the framework or the host writes on a dashboard route (an outage's 503, an unexpected 500, both from an
    /// exception handler; a default validation title) get a Swedish title and detail; every other route keeps its own language.
    /// </summary>
    public static IServiceCollection AddSwedishDashboardProblems(this IServiceCollection services) =>
        services.Configure<ProblemDetailsOptions>(options =>
        {
            var hosts = options.CustomizeProblemDetails;
            options.CustomizeProblemDetails = context =>
            {
                hosts?.Invoke(context);
                if (IsDashboardRoute(context.HttpContext.Request.Path))
                {
                    Translate(context.ProblemDetails, context.Exception is not null);
                }
            };
        });

    internal static bool IsDashboardRoute(PathString path) =>
        path.StartsWithSegments("/dashboard") || path.StartsWithSegments("/api/statistics");

    // Only what a failure wrote (an exception handler: the store outage, an unexpected error) or the framework's default
    // titles: a problem our code wrote on purpose (the sign-in's Swedish 503, say) is left as it is.
    private static void Translate(Microsoft.AspNetCore.Mvc.ProblemDetails problem, bool fromException)
    {
        switch (problem.Status)
        {
            case StatusCodes.Status503ServiceUnavailable when fromException:
                problem.Title = "Statistiken kan inte läsas just nu";
                problem.Detail = "Databasen svarar inte. Försök igen om en stund; kvarstår felet, kontakta förvaltningen.";
                break;
            case >= 500 when fromException:
                problem.Title = "Ett fel uppstod";
                problem.Detail = "Uppföljningen kunde inte visas på grund av ett fel i tjänsten. Försök igen; kvarstår felet, kontakta förvaltningen.";
                break;
            case StatusCodes.Status400BadRequest when problem.Title is null or "Bad Request" or "One or more validation errors occurred.":
                problem.Title = "Ogiltig begäran";
                problem.Detail ??= "Begäran kunde inte tolkas; se errors för vad som ska rättas.";
                break;
        }
    }
}
