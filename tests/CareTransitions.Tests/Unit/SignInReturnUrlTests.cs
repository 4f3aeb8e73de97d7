using CareTransitions.SignIn;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CareTransitions.Tests.UnitTests;

/// <summary>Where <c>/logga-in?returnUrl=…</c> may send a browser after sign-in: a path on this site, else the start page.</summary>
public sealed class SignInReturnUrlTests
{
    [Theory]
    [InlineData("/\t/evil.example")]          // the probe's /%09/evil.example: browsers drop the tab, then "//evil.example"
    [InlineData("/\t\\evil.example")]         // /%09%5Cevil.example
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("/dashboard\r\nSet-Cookie: x=1")]
    [InlineData("/dashboard\n")]
    [InlineData("/dashbörd")]
    [InlineData("/\u202Edashboard")]
    [InlineData("/a b")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_but_a_strict_local_path_goes_to_the_start_page(string? returnUrl)
    {
        Assert.Equal("/", SignInEndpoints.LocalOrRoot(returnUrl));
        // Open mode (Development) redirects with LocalRedirect, which throws on a non-local URL: "/" never does.
        var result = Assert.IsType<RedirectHttpResult>(SignInEndpoints.SignIn(returnUrl, Options.Create(new SignInOptions { Mode = "Open" })));
        Assert.Equal("/", result.Url);
    }

    [Theory]
    [InlineData("/dashboard")]
    [InlineData("/api/transitions/ct-0123?x=1&y=%2F")]
    [InlineData("/")]
    public void A_local_path_is_kept(string returnUrl) => Assert.Equal(returnUrl, SignInEndpoints.LocalOrRoot(returnUrl));
}
