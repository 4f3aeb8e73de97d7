using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Metadata;

namespace CareTransitions.OpenApi;

/// <summary>The endpoint is behind <c>x-functions-key</c> (<see cref="Intake.ApiKeyFilter"/>): the document says so and lists its 401.</summary>
internal sealed class RequiresApiKeyMetadata
{
    public static readonly RequiresApiKeyMetadata Instance = new();
}

/// <summary>The endpoint's <c>{token}</c> path segment is the capability (the acknowledgement link's token); nothing else is asked.</summary>
internal sealed class CapabilityTokenMetadata
{
    public static readonly CapabilityTokenMetadata Instance = new();
}

/// <summary>A header a response may carry (string-valued), with what it means.</summary>
internal sealed record ResponseHeaderMetadata(int StatusCode, string Name, string Description, string Example);

/// <summary>An example for the request body (<see cref="StatusCode"/> null) or one response, by content type.</summary>
internal sealed record ExampleMetadata(int? StatusCode, string ContentType, string Name, string Summary, Func<JsonNode> Value);

/// <summary>
/// What endpoint files call to document themselves, so their mapping stays a line of intent each; the shapes and
/// examples come from the features' <c>*OpenApi.cs</c> and <see cref="OperationDocumentation"/> fills in the rest.
/// </summary>
internal static class EndpointDocumentation
{
    public const string ProblemJson = "application/problem+json";
    public const string Html = "text/html";

    /// <summary>401 without a valid <c>x-functions-key</c>; 503 with Retry-After while a store is down.</summary>
    public static TBuilder DocumentApiKey<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(RequiresApiKeyMetadata.Instance)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    /// <summary>The acknowledgement token in the path is the only credential; pages in HTML, 429 and 503 as problem+json.</summary>
    public static TBuilder DocumentCapabilityToken<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(CapabilityTokenMetadata.Instance)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    public static RouteHandlerBuilder WithRequestExample(this RouteHandlerBuilder builder, string name, string summary, Func<JsonNode> value, string contentType = "application/json") =>
        builder.WithMetadata(new ExampleMetadata(null, contentType, name, summary, value));

    public static RouteHandlerBuilder WithResponseExample(this RouteHandlerBuilder builder, int statusCode, string name, string summary, Func<JsonNode> value, string contentType = "application/json") =>
        builder.WithMetadata(new ExampleMetadata(statusCode, contentType, name, summary, value));

    public static RouteHandlerBuilder WithResponseHeader(this RouteHandlerBuilder builder, int statusCode, string name, string description, string example) =>
        builder.WithMetadata(new ResponseHeaderMetadata(statusCode, name, description, example));

    /// <summary>A response in HTML (the acknowledgement pages, the dashboard's pages).</summary>
    public static RouteHandlerBuilder ProducesHtml(this RouteHandlerBuilder builder, int statusCode) =>
        builder.WithMetadata(new HtmlResponseMetadata(statusCode));
}

/// <summary>A text/html response, documented as a string.</summary>
internal sealed class HtmlResponseMetadata(int statusCode) : IProducesResponseTypeMetadata
{
    public Type? Type => typeof(string);

    public int StatusCode => statusCode;

    public string? Description => null;

    public IEnumerable<string> ContentTypes { get; } = [EndpointDocumentation.Html];
}
