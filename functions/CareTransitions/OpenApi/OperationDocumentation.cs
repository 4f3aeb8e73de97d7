using System.Globalization;
using CareTransitions.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CareTransitions.OpenApi;

/// <summary>
/// Per operation, what endpoint metadata cannot say by itself: the security requirement, the capability token's
/// meaning, the wording of each error, the <c>Retry-After</c> header of a 503, other documented headers, and the examples.
/// </summary>
internal sealed class OperationDocumentation : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        // The endpoint's own words win over a handler's XML comment, which is written for developers.
        operation.Summary = metadata.OfType<IEndpointSummaryMetadata>().LastOrDefault()?.Summary ?? operation.Summary;
        operation.Description = metadata.OfType<IEndpointDescriptionMetadata>().LastOrDefault()?.Description ?? operation.Description;
        var apiKey = metadata.OfType<RequiresApiKeyMetadata>().Any();
        // A sign-in policy on the route (Styrgrupp, Samordnare): a signed-in person passes; with the key too, either will do.
        var signIn = metadata.OfType<IAuthorizeData>().Any(a => a.Policy is not null) && !metadata.OfType<IAllowAnonymous>().Any();
        if (apiKey || signIn)
        {
            operation.Security = [];
            if (apiKey)
            {
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(DocumentDescription.ApiKeyScheme, context.Document)] = [] });
            }

            if (signIn)
            {
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(DocumentDescription.SignInScheme, context.Document)] = [] });
            }
        }

        if (metadata.OfType<CapabilityTokenMetadata>().Any())
        {
            DescribeCapabilityToken(operation);
        }

        var examples = metadata.OfType<ExampleMetadata>().ToList();
        AddExamples(operation.RequestBody?.Content, examples.Where(e => e.StatusCode is null));
        foreach (var (code, response) in operation.Responses ?? [])
        {
            if (response is not OpenApiResponse documented || !int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var status))
            {
                continue;
            }

            var readiness = context.Description.RelativePath == "readyz";
            if (!readiness)
            {
                documented.Description = ResponseDescriptions.For(status, apiKey, documented.Description);
            }

            foreach (var header in metadata.OfType<ResponseHeaderMetadata>().Where(h => h.StatusCode == status))
            {
                documented.Headers ??= new Dictionary<string, IOpenApiHeader>();
                documented.Headers[header.Name] = new OpenApiHeader
                {
                    Description = header.Description,
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                    Example = header.Example,
                };
            }

            var own = examples.Where(e => e.StatusCode == status).ToList();
            AddExamples(documented.Content, own);
            if (own.Count == 0 && documented.Content?.TryGetValue(EndpointDocumentation.ProblemJson, out var problem) == true)
            {
                if (status == StatusCodes.Status401Unauthorized && apiKey)
                {
                    var coordinators = metadata.OfType<IAuthorizeData>().Any(a => a.Policy == SignIn.SignInPolicies.Coordinator);
                    problem.Examples = ProblemExamples.ApiKeyRefusals(coordinators)
                        .ToDictionary(e => e.Name, e => (IOpenApiExample)new OpenApiExample { Summary = e.Summary, Value = e.Value });
                }
                else if (ProblemExamples.For(status, apiKey) is { } example)
                {
                    problem.Example = example;
                }
            }

            // /readyz answers its own 503 (what is down), not the store-outage one with Retry-After.
            if (status == StatusCodes.Status503ServiceUnavailable && !readiness)
            {
                documented.Headers ??= new Dictionary<string, IOpenApiHeader>();
                documented.Headers["Retry-After"] = new OpenApiHeader
                {
                    Description = $"Seconds to wait before sending the same request again ({StoreOutages.RetryAfterSeconds}).",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer },
                    Example = StoreOutages.RetryAfterSeconds,
                };
            }
        }

        return Task.CompletedTask;
    }

    private static void AddExamples(IDictionary<string, OpenApiMediaType>? content, IEnumerable<ExampleMetadata> examples)
    {
        foreach (var example in examples)
        {
            if (content?.TryGetValue(example.ContentType, out var media) != true)
            {
                continue;
            }

            media!.Examples ??= new Dictionary<string, IOpenApiExample>();
            media.Examples[example.Name] = new OpenApiExample { Summary = example.Summary, Value = example.Value() };
        }
    }

    private static void DescribeCapabilityToken(OpenApiOperation operation)
    {
        // OpenAPI has no security scheme "in the path"; the token is the parameter, and no other credential is asked.
        operation.Security = [];
        foreach (var parameter in operation.Parameters ?? [])
        {
            if (parameter is OpenApiParameter { Name: "token" } token)
            {
                token.Description = "The capability token from the acknowledgement email's link (/ack/{token}): it alone lets its holder see and acknowledge one unit's part of one transition, until it expires. Stored only as a hash; never log it.";
                token.Example = "q3Xz8mR2vT5wY7bN1cD4fG6hJ9kL0pS";
            }
        }
    }
}
