using System.Net;
using CareTransitions.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CareTransitions.Tests.ApiReference;

/// <summary>The Scalar page at /api/docs, in real Chromium, on a machine (and a hospital network) without internet.</summary>
public sealed class ApiReferencePageTests(ApiDocumentFixture fixture) : IClassFixture<ApiDocumentFixture>
{
    [Fact]
    public async Task The_reference_page_and_its_script_are_served_by_the_service_without_a_key()
    {
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(fixture.Service.BaseUrl) };
        using var redirect = await anonymous.GetAsync("/api/docs");
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);

        var html = await anonymous.GetStringAsync("/api/docs/");
        Assert.Contains("<title>Vårdövergångar", html, StringComparison.Ordinal);
        Assert.DoesNotContain("cdn.", html, StringComparison.OrdinalIgnoreCase);
        using var script = await anonymous.GetAsync("/api/docs/scalar.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Contains("javascript", script.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_reference_page_says_its_language_asks_for_the_key_by_name_and_passes_axe_at_390_and_1280_px()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await browser.NewPageAsync();

        await page.GotoAsync(fixture.Service.BaseUrl + "/api/docs");
        await page.GetByText("Receive a message about a care episode").First.WaitForAsync(new() { Timeout = 30_000 });
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        var placeholders = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('input[placeholder]')].map(i => i.placeholder)");
        Assert.NotEmpty(placeholders);
        Assert.DoesNotContain("QUxMIFlPVVIgQkFTRSBBUkUgQkVMT05HIFRPIFVT", placeholders);
        Assert.Contains(placeholders, p => p.Contains("x-functions-key", StringComparison.Ordinal));
        // The document's introduction links to the guide this service serves, not to a file in a repository.
        var guide = page.Locator("a[href$='/api/docs/integration-guide']").First;
        await guide.WaitForAsync();
        await PageChecks.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task The_integration_guide_is_served_as_an_accessible_page_linked_back_to_the_reference()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await browser.NewPageAsync();

        var answer = await page.GotoAsync(fixture.Service.BaseUrl + "/api/docs/integration-guide");

        Assert.Equal(200, answer!.Status);
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal("Integration guide — for the regional systems that send discharge messages", (await page.Locator("h1").TextContentAsync())?.Trim());
        Assert.True(await page.Locator("h2", new() { HasText = "Idempotency" }).CountAsync() > 0);
        Assert.True(await page.Locator("table").CountAsync() > 0);
        Assert.Equal(1, await page.Locator("a[href='/api/docs']").CountAsync());
        await PageChecks.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task An_integrator_opens_api_docs_in_a_browser_sees_the_operations_and_nothing_is_fetched_from_outside_the_service()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        var requests = new List<string>();
        page.Request += (_, request) => { lock (requests) { requests.Add(request.Url); } };
        var failed = new List<string>();
        page.RequestFailed += (_, request) => { lock (failed) { failed.Add($"{request.Url} {request.Failure}"); } };
        // Under the service's content security policy (no inline script but by hash): nothing the page runs is refused.
        var refused = new List<string>();
        page.Console += (_, message) => { if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal)) { lock (refused) { refused.Add(message.Text); } } };

        await page.GotoAsync(fixture.Service.BaseUrl + "/api/docs");
        await page.GetByText("Receive a message about a care episode").First.WaitForAsync(new() { Timeout = 30_000 });
        // One operation of each tag, by the summary the document gives it.
        foreach (var summary in new[]
        {
            "Receive a queue-shaped (Service Bus) message", "One transition: phase, deadlines, each unit's times and acknowledger",
            "The acknowledgement page (never acknowledges)", "Follow-up statistics for the steering group", "Readiness: every store reachable",
        })
        {
            Assert.True(await page.GetByText(summary).CountAsync() > 0, $"'{summary}' is not on the page");
        }

        // Let the page settle so late requests (fonts, telemetry) would be seen too.
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        string[] seen;
        lock (requests)
        {
            seen = [.. requests];
        }

        var outside = seen.Where(u => !u.StartsWith(fixture.Service.BaseUrl + "/", StringComparison.Ordinal) && !u.StartsWith("data:", StringComparison.Ordinal) && !u.StartsWith("blob:", StringComparison.Ordinal)).ToList();
        Assert.True(outside.Count == 0, "Requests that left the service: " + string.Join(", ", outside));
        Assert.Contains(seen, u => u.EndsWith("/openapi/v1.json", StringComparison.Ordinal));
        Assert.True(failed.Count == 0, "Failed requests: " + string.Join(", ", failed));
        lock (refused)
        {
            Assert.True(refused.Count == 0, "Refused by the content security policy: " + string.Join(" | ", refused));
        }
    }

    private static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new()
    {
        ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
        Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
}
