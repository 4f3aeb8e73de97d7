using CareTransitions.SignIn;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting.Internal;

namespace CareTransitions.Tests.UnitTests;

public sealed class SignInOptionsTests
{
    private static SignInOptions Read(params (string Key, string Value)[] settings) =>
        SignInOptions.Read(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build());

    private static IEnumerable<string> Problems(string environment, SignInOptions options) =>
        new SignInOptionsValidator(new HostingEnvironment { EnvironmentName = environment }).Validate(null, options).Failures ?? [];

    [Fact]
    public void Read_DashboardsOlderRoleKeys_AreTheFallbacks()
    {
        var options = Read(("Statistics:RoleClaimType", "groups"), ("Statistics:RequiredRole", "Uppfoljning"));

        Assert.Equal(("groups", "Uppfoljning", "Samordnare"), (options.OpenIdConnect.RoleClaimType, options.Roles.SteeringGroup, options.Roles.Coordinator));
    }

    [Fact]
    public void Read_AuthenticationKeys_WinOverTheOlderOnes()
    {
        var options = Read(("Statistics:RoleClaimType", "groups"), ("Authentication:OpenIdConnect:RoleClaimType", "app_roles"),
            ("Statistics:RequiredRole", "Uppfoljning"), ("Authentication:Roles:SteeringGroup", "Styrgrupp-Vast"));

        Assert.Equal(("app_roles", "Styrgrupp-Vast"), (options.OpenIdConnect.RoleClaimType, options.Roles.SteeringGroup));
    }

    [Theory]
    [InlineData("", "", "NotConfigured")]
    [InlineData("", "https://sso.vgregion.example.se", "OpenIdConnect")]
    [InlineData("Open", "", "Open")]
    [InlineData("openidconnect", "https://sso.vgregion.example.se", "OpenIdConnect")]
    public void EffectiveMode_FollowsModeAndAuthority(string mode, string authority, string expected) =>
        Assert.Equal(Enum.Parse<SignInMode>(expected), Read(("Authentication:Mode", mode), ("Authentication:OpenIdConnect:Authority", authority)).EffectiveMode);

    [Fact]
    public void Validate_OpenMode_IsRefusedOutsideDevelopmentOnly()
    {
        var open = Read(("Authentication:Mode", "Open"));

        Assert.Empty(Problems("Development", open));
        Assert.Contains("only allowed in Development, and this is Staging", Assert.Single(Problems("Staging", open)), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CompleteProviderOnLoopbackHttp_IsAccepted() =>
        Assert.Empty(Problems("Production", Read(("Authentication:OpenIdConnect:Authority", "http://127.0.0.1:4100"),
            ("Authentication:OpenIdConnect:ClientId", "ct"), ("Authentication:OpenIdConnect:ClientSecret", "s3cret-value"))));

    [Fact]
    public void Validate_UnknownModeAndMissingSecret_AreNamedWithoutTheSecret()
    {
        var problems = Problems("Production", Read(("Authentication:Mode", "Kerberos"))).ToList();
        var missingSecret = Problems("Production", Read(("Authentication:OpenIdConnect:Authority", "https://sso.vgregion.example.se"),
            ("Authentication:OpenIdConnect:ClientId", "ct"))).ToList();

        Assert.StartsWith("Authentication:Mode='Kerberos' is not a sign-in mode", Assert.Single(problems), StringComparison.Ordinal);
        Assert.StartsWith("Authentication:OpenIdConnect:ClientSecret is empty", Assert.Single(missingSecret), StringComparison.Ordinal);
    }
}
