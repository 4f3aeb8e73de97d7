using Scalar.AspNetCore;

namespace CareTransitions.OpenApi;

/// <summary>
/// The API reference for the regional systems' integrators: the OpenAPI document at
/// <c>/openapi/v1.json</c> (every route, its schemas with Swedish-domain examples and every error shape)
/// and the interactive page at <c>/api/docs</c>. Both are documentation without data, so they are served
/// in every environment and need no sign-in.
/// </summary>
public static class ApiDocumentation
{
    /// <summary>Where the document is served (the name is <c>v1</c>).</summary>
    public const string DocumentRoute = "/openapi/{documentName}.json";

    /// <summary>Where the interactive reference page is served.</summary>
    public const string ReferenceRoute = "/api/docs";

    /// <summary>Adds the OpenAPI document with the transformers that add what endpoint metadata cannot say.</summary>
    public static IServiceCollection AddCareTransitionsOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer<DocumentDescription>();
            options.AddOperationTransformer<OperationDocumentation>();
            options.AddSchemaTransformer<ProblemSchemas>();
        });

    /// <summary>Maps the document and the Scalar page.</summary>
    public static IEndpointRouteBuilder MapApiReference(this IEndpointRouteBuilder endpoints)
    {
        // Anonymous even where a sign-in policy covers every endpoint: the reference holds no data.
        endpoints.MapOpenApi(DocumentRoute).AllowAnonymous();
        // IMPORTANT: nothing the page loads may come from outside the service: a hospital network may have no
        // internet. The script is the package's bundled copy (served under /api/docs/); fonts, telemetry, the
        // AI agent and the MCP hints would each reach out to Scalar's servers, so they are off.
        endpoints.MapScalarApiReference(ReferenceRoute, options => options
            .WithTitle("Vårdövergångar – API för regionens system")
            .WithOpenApiRoutePattern(DocumentRoute)
            .WithOperationTitleSource(OperationTitleSource.Summary)
            .ExpandAllTags()
            .WithDefaultHttpClient(ScalarTarget.Shell, ScalarClient.Curl)
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
            .HideDeveloperTools()
            .AddPreferredSecuritySchemes([DocumentDescription.ApiKeyScheme])
            .AddHeadContent(ReferencePage.KeyFieldScriptTag)
            .WithCustomCss(ReferencePage.ContrastCss))
            .WithPageLanguage()
            .AllowAnonymous();
        endpoints.MapKeyFieldScript();
        endpoints.MapIntegrationGuide();
        return endpoints;
    }

    /// <summary>Whether <paramref name="path"/> is the reference page itself (not one of its assets).</summary>
    internal static bool IsReferencePage(PathString path) =>
        path.StartsWithSegments(ReferenceRoute, out var rest) && (!rest.HasValue || rest == "/");
}
