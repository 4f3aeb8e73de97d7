using System.Security.Claims;
using System.Text.Json;
using CareTransitions.SignIn;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;

namespace CareTransitions.Tests.UnitTests;

public sealed class StaffIdentityTests
{
    private static readonly SignInOptions Defaults = new();

    private static ClaimsPrincipal Signed(string authenticationType, params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), authenticationType, "name", "roles"));

    [Fact]
    public void From_OneClaimPerUnit_ReadsEveryUnitOnce()
    {
        var person = StaffIdentity.From(Signed("oidc", ("hsa_id", "SE2321000131-P1"), ("name", "Nina"),
            ("unit_hsa_ids", "SE2120001480-hemsjukvard"), ("unit_hsa_ids", "SE2120001480-rehab"), ("unit_hsa_ids", "SE2120001480-rehab")), Defaults);

        Assert.Equal(new StaffMember("SE2321000131-P1", "Nina", person!.UnitHsaIds), person);
        Assert.Equal(["SE2120001480-hemsjukvard", "SE2120001480-rehab"], person.UnitHsaIds);
        Assert.False(person.AllUnits);
    }

    [Theory]
    [InlineData("""["SE2120001480-hemsjukvard","SE2120001480-rehab"]""")]
    [InlineData("SE2120001480-hemsjukvard SE2120001480-rehab")]
    [InlineData("SE2120001480-hemsjukvard, SE2120001480-rehab")]
    [InlineData(" SE2120001480-hemsjukvard,SE2120001480-rehab ")]
    public void From_UnitsInOneClaim_ReadsJsonArraysAndSeparatedLists(string units)
    {
        var person = StaffIdentity.From(Signed("oidc", ("hsa_id", "SE2321000131-P1"), ("name", "Nina"), ("unit_hsa_ids", units)), Defaults);

        Assert.Equal(["SE2120001480-hemsjukvard", "SE2120001480-rehab"], person!.UnitHsaIds);
    }

    [Fact]
    public void From_ConfiguredClaimNames_AreTheOnesRead()
    {
        var options = new SignInOptions();
        options.Claims.HsaId = "urn:sambi:names:attribute:employeeHsaId";
        options.Claims.UnitHsaIds = "urn:sambi:names:attribute:commissionHsaId";
        options.OpenIdConnect.NameClaimType = "urn:sambi:names:attribute:displayName";

        var person = StaffIdentity.From(Signed("oidc", ("urn:sambi:names:attribute:employeeHsaId", "SE2321000131-P2"),
            ("urn:sambi:names:attribute:displayName", "Anna Avdelning"), ("urn:sambi:names:attribute:commissionHsaId", "SE2321000131-E000000012345"),
            ("hsa_id", "SE0000000000-fel"), ("unit_hsa_ids", "SE0000000000-fel")), options);

        Assert.Equal(("SE2321000131-P2", "Anna Avdelning"), (person!.HsaId, person.Name));
        Assert.Equal(["SE2321000131-E000000012345"], person.UnitHsaIds);
    }

    [Fact]
    public void From_NotSignedInApiKeyOrNoHsaId_IsNobody()
    {
        Assert.Null(StaffIdentity.From(null, Defaults));
        Assert.Null(StaffIdentity.From(new ClaimsPrincipal(new ClaimsIdentity([new Claim("hsa_id", "SE2321000131-P1")])), Defaults));
        Assert.Null(StaffIdentity.From(Signed(SignInSchemes.ApiKey, ("hsa_id", "SE2321000131-P1")), Defaults));
        Assert.Null(StaffIdentity.From(Signed("oidc", ("name", "Utan Hsa"), ("unit_hsa_ids", "SE2120001480-rehab")), Defaults));
    }

    [Fact]
    public void From_OpenModePrincipal_IsTheDeveloperOfEveryUnit()
    {
        var principal = SignInSchemes.Principal(SignInSchemes.Open, "Utvecklare (öppet läge)", "roles", "Samordnare");
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim("hsa_id", StaffIdentity.DeveloperHsaId));

        var person = StaffIdentity.From(principal, Defaults);

        Assert.Equal(("SE0000000000-utvecklare", true), (person!.HsaId, person.AllUnits));
        Assert.Empty(person.UnitHsaIds);
    }

    [Fact]
    public void ConfigureOpenIdConnect_StaffClaimsFromUserinfo_AreKeptAndNoneDeleted()
    {
        var options = new SignInOptions();
        options.Claims.HsaId = "employeeHsaId";
        var oidc = new OpenIdConnectOptions();
        OpenIdConnectSignIn.ConfigureOpenIdConnect(oidc, Options.Create(options));
        var identity = new ClaimsIdentity([new Claim("unit_hsa_ids", "SE2120001480-rehab")], "oidc");

        using var userinfo = JsonDocument.Parse("""{"employeeHsaId":"SE2321000131-P1","unit_hsa_ids":["SE2120001480-hemsjukvard"]}""");
        foreach (var action in oidc.ClaimActions)
        {
            action.Run(userinfo.RootElement, identity, "issuer");
        }

        Assert.Equal("SE2321000131-P1", identity.FindFirst("employeeHsaId")?.Value);
        Assert.Equal(["SE2120001480-rehab", "SE2120001480-hemsjukvard"], identity.FindAll("unit_hsa_ids").Select(c => c.Value));
    }

    [Theory]
    [InlineData("Authentication:Claims:HsaId")]
    [InlineData("Authentication:Claims:UnitHsaIds")]
    public void Validate_EmptyClaimName_IsOneLineNamingTheKey(string key)
    {
        var options = SignInOptions.Read(new ConfigurationBuilder().AddInMemoryCollection([KeyValuePair.Create(key, (string?)" ")]).Build());

        var problems = new SignInOptionsValidator(new HostingEnvironment { EnvironmentName = "Production" }).Validate(null, options).Failures ?? [];

        Assert.StartsWith($"{key} is empty", Assert.Single(problems), StringComparison.Ordinal);
    }
}
