using System.Net;
using CareTransitions.Configuration.Validation;
using CareTransitions.Tests.Infrastructure;

namespace CareTransitions.Tests.EndToEnd;

/// <summary>The service without an identity provider: Development's open mode, refused elsewhere, and the not-configured answer.</summary>
public sealed class SignInModeTests : IAsyncLifetime
{
    private Maildev mail = null!;

    public async Task InitializeAsync() => this.mail = await Maildev.StartAsync();

    public async Task DisposeAsync() => await this.mail.DisposeAsync();

    [Fact]
    public async Task The_open_mode_is_refused_outside_Development_with_one_line_naming_the_setting()
    {
        var failure = await Assert.ThrowsAsync<InvalidSettingsException>(() => ServiceHost.StartAsync(this.mail, "--environment=Production", "--Authentication:Mode=Open"));

        var line = Assert.Single(failure.Problems);
        Assert.StartsWith("Authentication:Mode=Open (everyone is signed in, no password) is only allowed in Development, and this is Production", line, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', line);
    }

    [Fact]
    public async Task In_Development_the_open_mode_shows_the_dashboard_and_the_coordinators_api_without_signing_in()
    {
        await using var service = await ServiceHost.StartAsync(this.mail, "--environment=Development", "--Authentication:Mode=Open");
        using var anonymous = new HttpClient { BaseAddress = new Uri(service.BaseUrl) };

        using var dashboard = await anonymous.GetAsync("/dashboard");
        using var transitions = await anonymous.GetAsync("/api/transitions");

        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Equal(HttpStatusCode.OK, transitions.StatusCode);
    }

    [Fact]
    public async Task Without_an_identity_provider_the_dashboard_says_sign_in_is_not_configured_and_the_api_key_still_works()
    {
        await using var service = await ServiceHost.StartAsync(this.mail);
        using var anonymous = new HttpClient { BaseAddress = new Uri(service.BaseUrl) };

        using var page = await anonymous.GetAsync("/dashboard");
        using var statistics = await anonymous.GetAsync("/api/statistics");
        using var withoutKey = await anonymous.GetAsync("/api/transitions");
        using var withKey = await service.Api.GetAsync("/api/transitions");

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "text/html"), (page.StatusCode, page.Content.Headers.ContentType?.MediaType));
        Assert.Contains("Inloggningen är inte konfigurerad", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "application/problem+json"), (statistics.StatusCode, statistics.Content.Headers.ContentType?.MediaType));
        Assert.Equal((HttpStatusCode.Unauthorized, "application/problem+json"), (withoutKey.StatusCode, withoutKey.Content.Headers.ContentType?.MediaType));
        Assert.Equal(HttpStatusCode.OK, withKey.StatusCode);
    }

    [Fact]
    public async Task A_half_configured_identity_provider_stops_the_start_with_a_line_per_missing_setting_and_no_secret()
    {
        var failure = await Assert.ThrowsAsync<InvalidSettingsException>(() => ServiceHost.StartAsync(this.mail,
            "--Authentication:OpenIdConnect:Authority=http://sso.region.example.se", "--Authentication:OpenIdConnect:ClientSecret=hemligt-värde"));

        Assert.Equal(2, failure.Problems.Count);
        Assert.Contains(failure.Problems, f => f.StartsWith("Authentication:OpenIdConnect:Authority='http://sso.region.example.se' uses http", StringComparison.Ordinal));
        Assert.Contains(failure.Problems, f => f.StartsWith("Authentication:OpenIdConnect:ClientId is empty", StringComparison.Ordinal));
        Assert.DoesNotContain(failure.Problems, f => f.Contains("hemligt-värde", StringComparison.Ordinal));
    }
}
