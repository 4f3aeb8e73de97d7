using System.Net;
using System.Text.Json;
using CareTransitions.Functions.HostTests.Infrastructure;

namespace CareTransitions.Functions.HostTests;

/// <summary>The OpenAPI document and the reference page, anonymous, describing the routes the Functions app serves.</summary>
[Collection(AppUnderHostCollection.Name)]
public sealed class ApiReferenceTests(AppUnderHost app)
{
    [HostFact]
    public async Task The_document_lists_the_intake_and_coordinator_routes_and_none_the_app_does_not_serve()
    {
        using var response = await app.Host.Http.GetAsync("/openapi/v1.json");
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}\n{app.Host.Tail(30)}");
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        using var document = JsonDocument.Parse(body);
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.NotEmpty(paths);
        Assert.Contains("/api/transitions", paths);
        Assert.Contains("/api/transitions/{id}", paths);
        Assert.Contains("/ack/{token}", paths);
        Assert.Contains("/api/transitions/{id}/sip-call", paths);
        Assert.Contains("/api/transitions/{id}/sip-call/cancel", paths);
        // Sign-in pages and the queue's HTTP path are the standalone service's only.
        Assert.DoesNotContain(paths, p => p.StartsWith("/logga", StringComparison.Ordinal));
        Assert.DoesNotContain("/api/queues/transitions", paths);
        Assert.Contains("Vårdövergångar", document.RootElement.GetProperty("info").GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal("x-functions-key", document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("functionKey").GetProperty("name").GetString());
    }

    [HostFact]
    public async Task Every_HTTP_function_the_host_indexed_is_in_the_document_but_the_reference_itself()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/admin/functions");
        request.Headers.Add("x-functions-key", app.Host.MasterKey);
        using var functions = JsonDocument.Parse(await (await app.Host.Http.SendAsync(request)).Content.ReadAsStringAsync());
        var served = functions.RootElement.EnumerateArray()
            .SelectMany(f => f.GetProperty("config").GetProperty("bindings").EnumerateArray())
            .Where(b => b.GetProperty("type").GetString() == "httpTrigger")
            .SelectMany(b => b.GetProperty("methods").EnumerateArray().Select(m => $"{m.GetString()!.ToUpperInvariant()} {Normalize(b.GetProperty("route").GetString()!)}"))
            .ToList();
        using var document = JsonDocument.Parse(await app.Host.Http.GetStringAsync("/openapi/v1.json"));
        var documented = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => $"{o.Name.ToUpperInvariant()} {Normalize(p.Name)}"))
            .ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(served);
        // The staff pages with patient data (the handover page and its forms, the access log, the work list) are for signed-in
        // people, not an API; the SIP answer page is, like the acknowledgement page's form, for people following an emailed link.
        string[] pages =
        [
            "GET overlamning/{}", "POST overlamning/{}/meddelanden", "POST overlamning/{}/sip", "POST overlamning/{}/sip/installt",
            "GET samordning/atkomstlogg", "GET samordning/atkomstlogg.csv", "GET sip/{}", "POST sip/{}",
            "GET samordning", "GET samordning/lista.csv", "GET samordning/overgang/{}", "POST samordning/overgang/{}/{}", "GET samordning/uppdatera.js",
        ];
        Assert.All(pages, p => Assert.Contains(p, served));
        var undocumented = served.Where(r => !documented.Contains(r) && !pages.Contains(r) && !r.Contains(" openapi/", StringComparison.Ordinal) && !r.Contains(" api/docs", StringComparison.Ordinal)).ToList();
        var notServed = documented.Where(r => !served.Contains(r)).ToList();
        Assert.True(undocumented.Count == 0, "served, not in the document: " + string.Join(", ", undocumented));
        Assert.True(notServed.Count == 0, "in the document, not served: " + string.Join(", ", notServed));
    }

    [HostFact]
    public async Task The_reference_page_and_its_script_are_served_from_the_app()
    {
        using var page = await app.Host.Http.GetAsync("/api/docs");
        var html = await page.Content.ReadAsStringAsync();

        Assert.True(page.StatusCode == HttpStatusCode.OK, $"{(int)page.StatusCode}: {html}");
        var script = System.Text.RegularExpressions.Regex.Match(html, "src=\"([^\"]*scalar[^\"]*\\.js)\"").Groups[1].Value;
        Assert.NotEmpty(script);
        using var asset = await app.Host.Http.GetAsync(new Uri(new Uri(app.Host.BaseUrl + "/api/docs/"), script));
        Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
        Assert.True((await asset.Content.ReadAsByteArrayAsync()).Length > 10_000);
        // The page's own small script and the integration guide, which the document's introduction links to.
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        using var keyField = await app.Host.Http.GetAsync("/api/docs/key-field.js");
        Assert.Equal(HttpStatusCode.OK, keyField.StatusCode);
        using var guide = await app.Host.Http.GetAsync("/api/docs/integration-guide");
        Assert.Equal(HttpStatusCode.OK, guide.StatusCode);
        Assert.Matches("<h1[^>]*>Integration guide — for the regional systems that send discharge messages</h1>", await guide.Content.ReadAsStringAsync());
    }

    [HostFact]
    public async Task Answers_carry_the_services_security_headers_and_the_page_its_script_hash()
    {
        using var health = await app.Host.Http.GetAsync("/healthz");
        using var page = await app.Host.Http.GetAsync("/api/docs/");

        Assert.Equal("nosniff", string.Join(",", health.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", string.Join(",", health.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("no-store", string.Join(",", health.Headers.GetValues("Cache-Control")));
        Assert.Contains("frame-ancestors 'none'", string.Join(",", health.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.Matches("script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+;", string.Join(",", page.Headers.GetValues("Content-Security-Policy")));
    }

    private static string Normalize(string route) => System.Text.RegularExpressions.Regex.Replace(route.TrimStart('/'), @"\{[^}]*\}", "{}");
}
