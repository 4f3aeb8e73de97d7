using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CareTransitions.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace CareTransitions.Tests.ApiReference;

/// <summary>The OpenAPI document at /openapi/v1.json, checked against the routes the running service really maps.</summary>
public sealed class ApiDocumentTests(ApiDocumentFixture fixture) : IClassFixture<ApiDocumentFixture>
{
    /// <summary>Routes left out of the document on purpose, each with its reason.</summary>
    private static readonly Dictionary<string, string> Undocumented = new(StringComparer.Ordinal)
    {
        ["GET /openapi/{documentName}.json"] = "the document itself",
        ["GET /logga-in"] = "a person's browser, redirected to the identity provider: not an API",
        ["GET /logga-ut"] = "a person's browser, asked whether to sign out: not an API",
        ["POST /logga-ut"] = "a person's browser, signing out here and at the identity provider: not an API",
        ["GET /utloggad"] = "the page a browser lands on after signing out: not an API",
        ["GET /samordning/atkomstlogg"] = "the coordinators' access-log page, for a signed-in person: not an API",
        ["GET /samordning/atkomstlogg.csv"] = "the same search downloaded as CSV by that person's browser: not an API",
        ["GET /overlamning/{id}"] = "the handover page with the patient's data, for a signed-in person of the ward or a receiving unit: not an API",
        ["POST /overlamning/{id}/meddelanden"] = "that page's conversation form: not an API",
        ["POST /overlamning/{id}/sip"] = "that page's form for the primary-care unit to call or move the SIP meeting: not an API",
        ["POST /overlamning/{id}/sip/installt"] = "that page's button to cancel the SIP meeting: not an API",
        ["GET /samordning"] = "the coordinators' work list, for a signed-in person: not an API",
        ["GET /samordning/lista.csv"] = "that list downloaded as CSV by that person's browser: not an API",
        ["GET /samordning/overgang/{id}"] = "one transition's page in the work list, with its actions: not an API",
        ["POST /samordning/overgang/{id}/{action}"] = "that page's action forms (resend, phone acknowledgement, withdraw): not an API",
        ["GET /samordning/uppdatera.js"] = "the work list's refresh script, a file of its own so the CSP needs no inline script: not an API",
        ["GET /sip/{token}"] = "the SIP answer page behind the link each participating unit gets by email: not an API",
        ["POST /sip/{token}"] = "that page's accept-or-decline form: not an API",
    };

    [Fact]
    public void The_document_parses_without_errors_as_OpenAPI_3_1()
    {
        Assert.Empty(fixture.Diagnostic.Errors);
        Assert.Equal("3.1.1", fixture.Json.GetProperty("openapi").GetString());
        Assert.Contains("Vårdövergångar", fixture.Document.Info.Title, StringComparison.Ordinal);
        var scheme = fixture.Document.Components!.SecuritySchemes!["functionKey"];
        Assert.Equal((SecuritySchemeType.ApiKey, ParameterLocation.Header, "x-functions-key"), (scheme.Type!.Value, scheme.In!.Value, scheme.Name));
    }

    [Fact]
    public void Each_protected_operation_names_how_to_pass_the_key_or_a_signed_in_person_and_only_those()
    {
        var signIn = fixture.Document.Components!.SecuritySchemes!["signIn"];
        Assert.Equal((SecuritySchemeType.ApiKey, ParameterLocation.Cookie, ".CareTransitions.Session"), (signIn.Type!.Value, signIn.In!.Value, signIn.Name));
        Assert.Contains("OpenID Connect", signIn.Description, StringComparison.Ordinal);

        string Schemes(string method, string path) => string.Join(" | ", fixture.Document.Paths[path].Operations![HttpMethod.Parse(method)].Security?
            .Select(r => string.Join(" + ", r.Keys.Select(k => k.Reference.Id))) ?? []);

        Assert.Equal("functionKey", Schemes("POST", "/api/transitions"));
        Assert.Equal("functionKey | signIn", Schemes("GET", "/api/transitions/{id}"));
        Assert.Equal("signIn", Schemes("GET", "/api/statistics"));
        // Every operation that answers 401 or 403 says what would have let it through.
        var dashboard = fixture.Document.Paths.Where(p => p.Key.StartsWith("/dashboard", StringComparison.Ordinal)).SelectMany(p => p.Value.Operations!.Values).ToList();
        Assert.NotEmpty(dashboard);
        var refusing = fixture.Document.Paths.SelectMany(p => p.Value.Operations!.Select(o => (Name: $"{o.Key} {p.Key}", Operation: o.Value)))
            .Where(o => o.Operation.Responses!.ContainsKey("401") || o.Operation.Responses.ContainsKey("403")).ToList();
        Assert.True(refusing.Count >= dashboard.Count);
        Assert.All(refusing, o => Assert.True(o.Operation.Security is { Count: > 0 }, $"{o.Name} answers 401/403 but names no security scheme"));
    }

    [Fact]
    public void Every_route_the_service_maps_is_in_the_document_or_listed_here_with_its_reason()
    {
        var documented = fixture.Document.Paths
            .SelectMany(p => p.Value.Operations!.Keys.Select(m => $"{m.Method} {Normalize(p.Key)}"))
            .ToHashSet(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var endpoint in fixture.Service.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var excluded = endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>()?.ExcludeFromDescription == true;
            foreach (var route in methods.Select(m => $"{m} {Normalize(endpoint.RoutePattern.RawText!)}"))
            {
                // The Scalar page and its bundled assets are the reference, not part of the API.
                if (route.Contains(" /api/docs", StringComparison.Ordinal))
                {
                    Assert.True(excluded, $"{route} should be left out of the document");
                }
                else if (excluded || !documented.Contains(route))
                {
                    if (!Undocumented.ContainsKey(route))
                    {
                        missing.Add(route + (excluded ? " (excluded from the description without a reason here)" : ""));
                    }
                }
            }
        }

        Assert.True(missing.Count == 0, "Routes the document lacks: " + string.Join("; ", missing));
        // Each operation says what its endpoint's WithSummary says (not, say, a handler's XML comment).
        foreach (var endpoint in fixture.Service.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<IEndpointSummaryMetadata>() is { } summary && endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is { } method
                && fixture.Document.Paths.TryGetValue(Normalize(endpoint.RoutePattern.RawText!), out var item))
            {
                Assert.Equal(summary.Summary, item.Operations![HttpMethod.Parse(method.HttpMethods[0])].Summary);
            }
        }

        Assert.Contains("GET /healthz", documented);
        Assert.Contains("GET /readyz", documented);
    }

    [Fact]
    public void Every_operation_has_a_summary_an_id_and_its_error_responses_in_problem_json()
    {
        foreach (var (path, item) in fixture.Document.Paths)
        {
            foreach (var (method, operation) in item.Operations!)
            {
                var name = $"{method} {path}";
                Assert.False(string.IsNullOrWhiteSpace(operation.Summary), $"{name} has no summary");
                Assert.False(string.IsNullOrWhiteSpace(operation.OperationId), $"{name} has no operationId");
                var responses = operation.Responses!;
                Assert.All(responses, r => Assert.False(string.IsNullOrWhiteSpace(r.Value.Description), $"{name} {r.Key} has no description"));
                if (operation.Security?.Any(s => s.Keys.Any(k => k.Reference.Id == "functionKey")) == true)
                {
                    Assert.Contains("401", responses.Keys);
                }

                if (path is "/healthz" or "/readyz")
                {
                    continue;
                }

                // Any request can meet a store outage: 503 with Retry-After and problem+json.
                Assert.True(responses.TryGetValue("503", out var outage), $"{name} has no 503");
                Assert.Contains("Retry-After", outage!.Headers!.Keys);
                foreach (var (status, response) in responses.Where(r => r.Key[0] is '4' or '5'))
                {
                    if (response.Content?.TryGetValue("application/problem+json", out var problem) == true)
                    {
                        Assert.True(problem.Example is not null || problem.Examples?.Count > 0, $"{name} {status} has no example");
                    }
                }
            }
        }
    }

    [Theory]
    [InlineData("POST", "/api/transitions", "202 400 401 409 422 503")]
    [InlineData("POST", "/api/queues/transitions", "200 400 401 409 422 503")]
    [InlineData("GET", "/api/transitions", "200 400 401 503")]
    [InlineData("GET", "/api/transitions/{id}", "200 401 404 503")]
    [InlineData("POST", "/api/transitions/{id}/terminate", "202 401 404 503")]
    [InlineData("DELETE", "/api/transitions/{id}", "200 401 404 409 503")]
    [InlineData("GET", "/ack/{token}", "200 404 410 429 503")]
    [InlineData("POST", "/ack/{token}", "200 400 404 410 429 503")]
    [InlineData("GET", "/api/statistics", "200 400 401 403 503")]
    [InlineData("GET", "/readyz", "200 503")]
    public void Each_route_lists_the_answers_it_really_gives(string method, string path, string statuses)
    {
        var operation = fixture.Document.Paths[path].Operations![HttpMethod.Parse(method)];
        Assert.Equal(statuses.Split(' '), operation.Responses!.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_json_example_fits_its_schema()
    {
        var checkedExamples = 0;
        var problems = new List<string>();
        foreach (var (where, media) in MediaTypes(fixture.Json))
        {
            if (!media.TryGetProperty("schema", out var schema))
            {
                continue;
            }

            foreach (var (name, example) in Examples(media))
            {
                checkedExamples++;
                problems.AddRange(ExampleSchema.Check(fixture.Json, schema, example, $"{where} {name}"));
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(checkedExamples >= 20, $"only {checkedExamples} examples were checked");
    }

    [Fact]
    public async Task The_intake_examples_are_accepted_by_the_real_intake_in_order_and_the_queue_example_reaches_the_same_transition()
    {
        var intake = fixture.Json.GetProperty("paths").GetProperty("/api/transitions").GetProperty("post");
        var examples = intake.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("examples");
        var accepted = intake.GetProperty("responses").GetProperty("202").GetProperty("content").GetProperty("application/json")
            .GetProperty("examples").GetProperty("accepted").GetProperty("value");
        foreach (var name in new[] { "admissionNotice", "readyForDischarge", "readyForDischargeWithHandover", "planningUpdated", "dischargeDateChanged" })
        {
            var body = examples.GetProperty(name).GetProperty("value").GetRawText();
            using var response = await fixture.Service.Api.PostAsync("/api/transitions", new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
            // The example's id is the one the service computes for that ward and episode.
            Assert.Equal(accepted.GetProperty("id").GetString(), answer.GetProperty("id").GetString());
            Assert.Equal(accepted.EnumerateObject().Select(p => p.Name), answer.EnumerateObject().Select(p => p.Name));
        }

        var queued = fixture.Json.GetProperty("paths").GetProperty("/api/queues/transitions").GetProperty("post");
        var envelope = queued.GetProperty("requestBody").GetProperty("content").GetProperty("application/json")
            .GetProperty("examples").GetProperty("serviceBusMessage").GetProperty("value").GetRawText();
        using var queueResponse = await fixture.Service.Api.PostAsync("/api/queues/transitions", new StringContent(envelope, Encoding.UTF8, "application/json"));
        Assert.True(queueResponse.StatusCode == HttpStatusCode.OK, await queueResponse.Content.ReadAsStringAsync());
        var queueAnswer = await queueResponse.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(accepted.GetProperty("id").GetString(), queueAnswer.GetProperty("ReturnValue").GetProperty("Id").GetString());

        // A repeat of an example answers as the document says: the same 202.
        var repeat = examples.GetProperty("readyForDischarge").GetProperty("value").GetRawText();
        using var again = await fixture.Service.Api.PostAsync("/api/transitions", new StringContent(repeat, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
    }

    [Fact]
    public async Task The_documented_errors_are_the_shapes_the_service_answers()
    {
        using var anonymous = new HttpClient { BaseAddress = new Uri(fixture.Service.BaseUrl) };
        using var unauthorized = await anonymous.PostAsync("/api/transitions", new StringContent("{}", Encoding.UTF8, "application/json"));
        await AssertShapeAsync(unauthorized, "/api/transitions", "post", "401");

        var bad = fixture.Json.GetProperty("paths").GetProperty("/api/transitions").GetProperty("post").GetProperty("requestBody")
            .GetProperty("content").GetProperty("application/json").GetProperty("examples").GetProperty("readyForDischarge").GetProperty("value").GetRawText()
            .Replace("\"1480\"", "\"98\"", StringComparison.Ordinal);
        using var invalid = await fixture.Service.Api.PostAsync("/api/transitions", new StringContent(bad, Encoding.UTF8, "application/json"));
        await AssertShapeAsync(invalid, "/api/transitions", "post", "400");

        using var notFound = await fixture.Service.Api.GetAsync("/api/transitions/ct-00000000000000000000000000000000");
        await AssertShapeAsync(notFound, "/api/transitions/{id}", "get", "404");
    }

    private async Task AssertShapeAsync(HttpResponseMessage response, string path, string method, string status)
    {
        Assert.Equal(status, ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var media = fixture.Json.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses").GetProperty(status)
            .GetProperty("content").GetProperty("application/problem+json");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Empty(ExampleSchema.Check(fixture.Json, media.GetProperty("schema"), body, $"{method} {path} {status} (real answer)"));
    }

    private static string Normalize(string route) => "/" + route.Trim('/');

    private static IEnumerable<(string Where, JsonElement Media)> MediaTypes(JsonElement document)
    {
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                if (operation.Value.TryGetProperty("requestBody", out var body))
                {
                    foreach (var media in body.GetProperty("content").EnumerateObject().Where(m => m.Name.Contains("json", StringComparison.Ordinal)))
                    {
                        yield return ($"{operation.Name} {path.Name} request", media.Value);
                    }
                }

                foreach (var response in operation.Value.GetProperty("responses").EnumerateObject())
                {
                    if (response.Value.TryGetProperty("content", out var content))
                    {
                        foreach (var media in content.EnumerateObject().Where(m => m.Name.Contains("json", StringComparison.Ordinal)))
                        {
                            yield return ($"{operation.Name} {path.Name} {response.Name}", media.Value);
                        }
                    }
                }
            }
        }
    }

    private static IEnumerable<(string Name, JsonElement Value)> Examples(JsonElement media)
    {
        if (media.TryGetProperty("example", out var example))
        {
            yield return ("example", example);
        }

        if (media.TryGetProperty("examples", out var examples))
        {
            foreach (var named in examples.EnumerateObject())
            {
                yield return (named.Name, named.Value.GetProperty("value"));
            }
        }
    }
}
