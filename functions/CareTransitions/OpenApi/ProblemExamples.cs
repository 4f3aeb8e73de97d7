using System.Text.Json.Nodes;

namespace CareTransitions.OpenApi;

/// <summary>
/// The problem+json bodies the service answers, one per status, worded as the handlers word them. Endpoints with
/// their own wording (the intake's 400, 409 and 422) give their own through <see cref="ExampleMetadata"/>.
/// </summary>
internal static class ProblemExamples
{
    private const string TraceId = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00";

    public static JsonNode Problem(int status, string title, string detail, string? rfcSection = null, JsonObject? extensions = null)
    {
        var problem = new JsonObject
        {
            ["type"] = $"https://tools.ietf.org/html/rfc9110#section-{rfcSection ?? Section(status)}",
            ["title"] = title,
            ["status"] = status,
            ["detail"] = detail,
        };
        foreach (var (name, value) in extensions ?? [])
        {
            problem[name] = value?.DeepClone();
        }

        problem["traceId"] = TraceId;
        return problem;
    }

    public static JsonNode Validation(string detail, params (string Field, string Message)[] errors)
    {
        var byField = new JsonObject();
        foreach (var (field, message) in errors)
        {
            byField[field] = new JsonArray(message);
        }

        return Problem(400, "One or more validation errors occurred.", detail, "15.5.1", new JsonObject { ["errors"] = byField });
    }

    /// <summary>The default example for <paramref name="status"/>, or null when the status has no generic wording.</summary>
    public static JsonNode? For(int status, bool apiKey) => status switch
    {
        400 => Problem(400, "Bad Request", "Failed to bind parameter \"int? pageSize\" from \"tio\".", "15.5.1"),
        401 when apiKey => Problem(401, Intake.ApiKeyFilter.KeyMissingTitle, Intake.ApiKeyFilter.KeyMissingDetail),
        401 => Problem(401, "Inloggning krävs", "Logga in med ditt organisationskonto för att se uppföljningen."),
        403 => Problem(403, "Behörighet saknas", "Uppföljningen visas bara för användare med rollen Styrgrupp. Be din administratör om behörighet."),
        404 => Problem(404, "Not found", "No transition has the id 'ct-0f3a9c1d2e4b5a6978c0d1e2f3a4b5c6'."),
        409 => Problem(409, "Conflict", "Only a finished transition can be purged; terminate it first."),
        // The rate limiter answers with an empty body that the status-code pages turn into this bare problem.
        429 => new JsonObject { ["title"] = "Too Many Requests", ["status"] = 429, ["traceId"] = TraceId },
        503 => Problem(503, "Database unavailable",
            "The service's database cannot be reached right now. Nothing was half-stored, and sending the same request again is safe (a message is recognised by its messageId): try again in 5 seconds. /readyz says which store is down.",
            "15.6.4"),
        _ => null,
    };

    /// <summary>The two 401s of a route behind <c>x-functions-key</c>, by name: no key, and a key the route does not take.</summary>
    public static IEnumerable<(string Name, string Summary, JsonNode Value)> ApiKeyRefusals(bool coordinators) =>
    [
        ("keyMissing", "No x-functions-key header", Problem(401, Intake.ApiKeyFilter.KeyMissingTitle, coordinators ? SignIn.SignInAnswers.ApiKeyDetail : Intake.ApiKeyFilter.KeyMissingDetail)),
        ("keyNotRecognised", "A key this route does not take (never echoed)", Problem(401, Intake.ApiKeyFilter.KeyNotRecognisedTitle,
            coordinators ? SignIn.SignInAnswers.ApiKeyNotRecognisedDetail : Intake.ApiKeyFilter.KeyNotRecognisedDetail)),
    ];

    private static string Section(int status) => status switch
    {
        401 => "15.5.2",
        403 => "15.5.4",
        404 => "15.5.5",
        409 => "15.5.10",
        410 => "15.5.11",
        422 => "15.5.21",
        _ => "15",
    };
}
