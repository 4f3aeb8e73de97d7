namespace CareTransitions.OpenApi;

/// <summary>What each status means to a caller of this service, in one sentence.</summary>
internal static class ResponseDescriptions
{
    public static string? For(int status, bool apiKey, string? current) => status switch
    {
        400 => "Bad input: problem+json whose errors name every bad field (or, for an HTML page, the page again with the error). Do not retry unchanged.",
        401 when apiKey => "The x-functions-key header is missing or wrong. Do not retry without the right key.",
        401 => "Not signed in.",
        403 => "Signed in, but without the role this route needs.",
        404 => "Not found. Do not retry.",
        409 => "Conflicts with what is already stored (see detail). Do not retry unchanged.",
        410 => "Gone: the link has expired, or its transition has ended and been removed.",
        422 => "Understood but cannot be routed (see detail); nothing was stored. Correct it and send again.",
        429 => "Too many requests from this address within a minute. Wait, then try again.",
        503 => "A store cannot be reached right now; nothing was half-stored. Send the same request again after Retry-After seconds.",
        _ => current,
    };
}
