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
    public async Task An_integrator_opens_api_docs_in_a_browser_sees_the_operations_and_nothing_is_fetched_from_outside_the_service()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
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
}
