using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CareTransitions.OpenApi;

/// <summary>
/// The problem+json schemas as the service writes them: RFC 9457's members plus the <c>traceId</c> the problem
/// details service adds to every error, which a caller quotes when asking about one.
/// </summary>
internal sealed class ProblemSchemas : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonTypeInfo.Type == typeof(ProblemDetails) || context.JsonTypeInfo.Type == typeof(HttpValidationProblemDetails))
        {
            schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
            schema.Properties["traceId"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "The W3C trace id of the request; quote it when asking about an error. Never holds personal data.",
            };
        }

        return Task.CompletedTask;
    }
}
