using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CareTransitions.OpenApi;

/// <summary>
/// The document as a whole: what the service is, its two security schemes (the <c>x-functions-key</c> API key and a
/// person's sign-in) and one description per tag.
/// </summary>
internal sealed class DocumentDescription : IOpenApiDocumentTransformer
{
    public const string ApiKeyScheme = "functionKey";

    public const string SignInScheme = "signIn";

    private static readonly Dictionary<string, string> Tags = new(StringComparer.Ordinal)
    {
        ["Intake"] = "Messages about a care episode (vårdtillfälle) from the hospitals' systems: inskrivningsmeddelande, utskrivningsklar, ändrat datum, avbrott, utskrivning. Idempotent by messageId. The Storage queue transitions-intake takes the same JSON (see the integration guide).",
        ["Coordinators"] = "The coordinators' (samordnare) view of transitions: status, deadlines, each receiving unit's times and acknowledger; stop a transition, purge a finished one.",
        ["Acknowledgements"] = "The page behind the link in each receiving unit's email (kvittens). HTML for people, not an API for systems; documented for completeness. The token in the path is the capability.",
        ["Dashboard"] = "The steering group's (styrgrupp) follow-up pages and the table behind each chart as CSV or .xlsx. Pages answer in HTML; exports and workbooks in problem+json on error.",
        ["Statistics"] = "The dashboard's figures as JSON for other tools (no personal data).",
        ["Health"] = "Liveness and readiness for load balancers and monitoring; no authentication, no data.",
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Vårdövergångar – care transitions API";
        document.Info.Description =
            "For the regional systems that send discharge messages (utskrivningsklar and the rest of a care episode, LOS 2017:612) " +
            "and the coordinators who follow them. Authentication: the API key in the `x-functions-key` header (systems); the steering " +
            "group's and coordinators' pages and their data also open to a person signed in with the region's identity provider. Errors are RFC 9457 " +
            $"problem+json. Idempotency, message order, retries and the queue path: [the integration guide]({IntegrationGuidePage.Route}). " +
            "Examples use Skatteverket's test personnummer 19121212-1212, never a real one.";

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = Intake.ApiKeyFilter.HeaderName,
            Description = "A sending system's own key (Intake:Senders) or the shared Intake:ApiKey for intake; a coordinator key (Coordinators:ApiKeys) for the coordinators' routes; in the Azure Functions app a function key. Development prints its key at start.",
        };

        // OpenID Connect signs the person in; what the routes then take is the session cookie, so that is the scheme.
        document.Components.SecuritySchemes[SignInScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = SignIn.OpenIdConnectSignIn.CookieName,
            Description = "A person's session: signed in at /logga-in with the region's identity provider (OpenID Connect, code flow with PKCE), " +
                "then this encrypted cookie. The dashboard and statistics need the Styrgrupp role, the coordinators' routes Samordnare " +
                "(or the API key). For people in a browser, not for systems. In the Azure Functions app, App Service Authentication's session instead.",
        };

        document.Tags ??= new HashSet<OpenApiTag>();
        foreach (var (name, description) in Tags)
        {
            if (document.Tags.FirstOrDefault(t => t.Name == name) is { } tag)
            {
                tag.Description = description;
            }
            else
            {
                document.Tags.Add(new OpenApiTag { Name = name, Description = description });
            }
        }

        DescribeReadiness(document);
        return Task.CompletedTask;
    }

    private static OpenApiSchema ReadinessProblemSchema()
    {
        var text = new OpenApiSchema { Type = JsonSchemaType.String };
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = text,
                ["title"] = text,
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
                ["detail"] = text,
                ["traceId"] = text,
                ["checks"] = new OpenApiSchema { Type = JsonSchemaType.Object, Description = "Each check by name: Healthy, Degraded or Unhealthy.", AdditionalProperties = text },
                ["unreachable"] = new OpenApiSchema { Type = JsonSchemaType.Array, Description = "The checks that failed, by name.", Items = text },
            },
        };
    }

    /// <summary>/readyz's 503 is a problem of its own (what is down), written by its handler without endpoint metadata.</summary>
    private static void DescribeReadiness(OpenApiDocument document)
    {
        if (document.Paths.TryGetValue("/readyz", out var path) && path.Operations?.TryGetValue(HttpMethod.Get, out var get) == true)
        {
            get.OperationId ??= "Readiness";
            get.Responses ??= [];
            if (get.Responses.TryGetValue("200", out var ok) && ok.Content?.TryGetValue("application/json", out var report) == true)
            {
                report.Example = new JsonObject
                {
                    ["status"] = "Ready",
                    ["checks"] = new JsonObject { ["app store"] = "Healthy", ["durable backend"] = "Healthy", ["statistics store"] = "Healthy" },
                };
            }

            if (!get.Responses.ContainsKey("503"))
            {
                get.Responses["503"] = new OpenApiResponse
                {
                    Description = "Not ready: problem+json naming each store that does not answer (checks, unreachable). The service keeps running and recovers by itself.",
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        [EndpointDocumentation.ProblemJson] = new()
                        {
                            Schema = ReadinessProblemSchema(),
                            Example = ProblemExamples.Problem(503, "Not ready",
                                "Unreachable: app store. The service keeps running and reconnects by itself when the database returns.", "15.6.4",
                                new JsonObject
                                {
                                    ["checks"] = new JsonObject { ["app store"] = "Unhealthy", ["durable backend"] = "Healthy", ["statistics store"] = "Healthy" },
                                    ["unreachable"] = new JsonArray("app store"),
                                }),
                        },
                    },
                };
            }
        }
    }
}
