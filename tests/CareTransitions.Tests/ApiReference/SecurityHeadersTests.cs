using System.Net;
using CareTransitions.Security;
using CareTransitions.Tests.Infrastructure;

namespace CareTransitions.Tests.ApiReference;

/// <summary>The headers the security probe missed, on pages, API answers and the reference page, in Production.</summary>
public sealed class SecurityHeadersTests(ApiDocumentFixture fixture) : IClassFixture<ApiDocumentFixture>
{
    [Theory]
    [InlineData("/ack/not-a-real-token")]
    [InlineData("/dashboard")]
    [InlineData("/healthz")]
    [InlineData("/api/transitions")]
    [InlineData("/openapi/v1.json")]
    public async Task Every_answer_says_nosniff_no_referrer_no_framing_and_no_store(string path)
    {
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(fixture.Service.BaseUrl) };

        using var response = await anonymous.GetAsync(path);

        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("no-store", Header(response, "Cache-Control"));
        var policy = Header(response, "Content-Security-Policy");
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Equal("script-src 'self'", ScriptSource(policy));
    }

    [Fact]
    public async Task The_reference_page_allows_its_own_inline_script_by_hash_only()
    {
        using var anonymous = new HttpClient { BaseAddress = new Uri(fixture.Service.BaseUrl) };

        using var page = await anonymous.GetAsync("/api/docs/");
        var policy = Header(page, "Content-Security-Policy");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Matches("^script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+$", ScriptSource(policy));
        Assert.Equal(
            SecurityHeaders.ContentSecurityPolicy.Split(';').Where(d => !d.Contains("script-src", StringComparison.Ordinal)),
            policy.Split(';').Where(d => !d.Contains("script-src", StringComparison.Ordinal)));
    }

    private static string ScriptSource(string policy) => policy.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src", StringComparison.Ordinal));

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"{(int)response.StatusCode} {response.RequestMessage?.RequestUri} has no {name} header");
}
