using System.Net;
using System.Text;
using System.Text.Json;
using CareTransitions.Audit;
using CareTransitions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace CareTransitions.Tests.EndToEnd;

/// <summary>
/// Signing in to the standalone service in real Chromium at a real OpenID provider on loopback (oidc-provider): the
/// steering group gets the dashboard, a coordinator the coordinators' API, anyone else a Swedish 403 page, and nobody
/// gets in with a forged App Service header.
/// </summary>
public sealed class SignInBrowserTests(SignInFixture fixture) : IClassFixture<SignInFixture>
{
    private string Service => fixture.Service.BaseUrl;

    [Fact]
    public async Task Someone_not_signed_in_who_opens_the_dashboard_is_sent_to_the_identity_provider()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(this.Service) };
        using var response = await http.GetAsync("/dashboard");
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"{this.Service}/dashboard");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith($"{fixture.Provider.Authority}/auth?", location, StringComparison.Ordinal);
        // The request itself was pushed to the provider (PAR, which it offers): only its handle travels in the URL. The
        // provider refuses any authorization request without a PKCE challenge, so each sign-in below also proves PKCE.
        Assert.Contains($"client_id={OidcProvider.ClientId}", location, StringComparison.Ordinal);
        Assert.Contains("request_uri=urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3A", location, StringComparison.Ordinal);
        Assert.StartsWith($"{fixture.Provider.Authority}/interaction/", page.Url, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_member_of_the_steering_group_signs_in_sees_the_dashboard_and_signs_out()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"{this.Service}/dashboard");
        await SignInFixture.SignInAtProviderAsync(page, OidcProvider.SteeringGroupUser);

        Assert.Equal($"{this.Service}/dashboard", page.Url);
        Assert.Contains("Uppföljning", await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync(), StringComparison.Ordinal);
        var statistics = await page.GotoAsync($"{this.Service}/api/statistics");
        Assert.Equal(200, statistics!.Status);
        Assert.True(JsonDocument.Parse(await statistics.TextAsync()).RootElement.TryGetProperty("period", out _));

        // A copy of the session cookie, as someone who got hold of it before the sign-out would keep it.
        var copied = (await page.Context.CookiesAsync()).Where(c => c.Name == ".CareTransitions.Session").ToList();
        Assert.NotEmpty(copied);
        // A link alone signs nobody out: it asks, and the button posts the form.
        await page.GotoAsync($"{this.Service}/logga-ut");
        Assert.Equal("Logga ut", await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());
        // The question page meets WCAG 2.1 AA at a phone's width and a desktop's.
        foreach (var width in new[] { 390, 1280 })
        {
            await page.SetViewportSizeAsync(width, 800);
            var axe = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
            Assert.True(axe.Passes.Length > 0, "axe checked nothing");
            Assert.True(axe.Violations.Length == 0, $"{width} px: " + string.Join("; ", axe.Violations.Select(v => $"{v.Id}: {v.Help}")));
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Logga ut" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, sign me out" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync($"{this.Service}/utloggad", new() { Timeout = 30_000 }); // the URL, retried: WaitForURLAsync also waits for "load", which once timed out in CI
        Assert.Contains("Du är utloggad", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await page.GotoAsync($"{this.Service}/dashboard");
        Assert.StartsWith(fixture.Provider.Authority, page.Url, StringComparison.Ordinal);
        await page.Context.CloseAsync();

        // The copied cookie is refused by the service itself (the session was revoked in the database, so on every instance).
        var thief = await fixture.NewPageAsync();
        await thief.Context.AddCookiesAsync(copied.Select(c => new Microsoft.Playwright.Cookie { Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path }));
        var api = await thief.Context.APIRequest.GetAsync($"{this.Service}/api/statistics");
        var status = api.Status;
        await api.DisposeAsync();
        await thief.Context.CloseAsync();
        Assert.Equal(401, status);
    }

    [Fact]
    public async Task A_signed_in_user_without_a_role_gets_the_Swedish_403_page_and_403_problems_from_the_api()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"{this.Service}/dashboard");
        await SignInFixture.SignInAtProviderAsync(page, OidcProvider.UserWithoutRole);

        var dashboard = await page.GotoAsync($"{this.Service}/dashboard");
        Assert.Equal(403, dashboard!.Status);
        Assert.Equal("sv", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal("Behörighet saknas", await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());
        Assert.True(await page.GetByRole(AriaRole.Link, new() { Name = "Logga ut" }).IsVisibleAsync());
        var statistics = await page.GotoAsync($"{this.Service}/api/statistics");
        Assert.Equal((403, "application/problem+json"), (statistics!.Status, statistics.Headers["content-type"].Split(';')[0]));
        var transitions = await page.GotoAsync($"{this.Service}/api/transitions");
        Assert.Equal(403, transitions!.Status);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_coordinator_signs_in_and_uses_the_coordinators_api_but_not_the_dashboard()
    {
        var id = await fixture.Service.SubmitAsync(TestMessages.Create("ReadyForDischarge", TestMessages.NewEpisode()));
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"{this.Service}/logga-in?returnUrl=/api/transitions/{id}");
        await SignInFixture.SignInAtProviderAsync(page, OidcProvider.CoordinatorUser);

        Assert.Equal($"{this.Service}/api/transitions/{id}", page.Url);
        Assert.Equal(id, JsonDocument.Parse(await page.InnerTextAsync("body")).RootElement.GetProperty("id").GetString());
        var list = await page.GotoAsync($"{this.Service}/api/transitions");
        Assert.Equal(200, list!.Status);
        var dashboard = await page.GotoAsync($"{this.Service}/dashboard");
        Assert.Equal(403, dashboard!.Status);
        Assert.Equal("Behörighet saknas", await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());
        // The audit names the person (the provider's subject and name), not the API key.
        var audit = await fixture.Service.Services.GetRequiredService<AuditLog>().ForTransitionAsync(id);
        Assert.Contains(audit, e => e.Action == AuditActions.TransitionViewed && e.Actor == "oidc:samordnare (Sam Samordnare)");
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("/api/statistics")]
    [InlineData("/api/transitions")]
    [InlineData("/dashboard/export/veckor.csv")]
    public async Task A_forged_App_Service_principal_header_opens_nothing(string path)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(this.Service) };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-MS-CLIENT-PRINCIPAL", Convert.ToBase64String(Encoding.UTF8.GetBytes(
            """{"auth_typ":"aad","name_typ":"name","role_typ":"roles","claims":[{"typ":"name","val":"Mallory"},{"typ":"roles","val":"Styrgrupp"},{"typ":"roles","val":"Samordnare"}]}""")));
        using var response = await http.SendAsync(request);

        if (path.StartsWith("/api/", StringComparison.Ordinal))
        {
            Assert.Equal((HttpStatusCode.Unauthorized, "application/problem+json"), (response.StatusCode, response.Content.Headers.ContentType?.MediaType));
        }
        else
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith(fixture.Provider.Authority, response.Headers.Location!.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_api_key_still_opens_the_coordinators_api_and_a_wrong_key_is_refused()
    {
        using var wrong = new HttpClient { BaseAddress = new Uri(this.Service) };
        wrong.DefaultRequestHeaders.Add("x-functions-key", "not-the-key");

        using var withKey = await fixture.Service.Api.GetAsync("/api/transitions");
        using var withWrongKey = await wrong.GetAsync("/api/transitions");
        using var keyOnDashboard = await fixture.Service.Api.GetAsync("/api/statistics");

        Assert.Equal(HttpStatusCode.OK, withKey.StatusCode);
        Assert.Equal((HttpStatusCode.Unauthorized, "application/problem+json"), (withWrongKey.StatusCode, withWrongKey.Content.Headers.ContentType?.MediaType));
        Assert.Equal(HttpStatusCode.Forbidden, keyOnDashboard.StatusCode);
    }
}
