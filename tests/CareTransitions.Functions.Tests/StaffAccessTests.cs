using System.Text;
using CareTransitions.Functions.Http;
using CareTransitions.SignIn;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace CareTransitions.Functions.Tests;

/// <summary>How the Functions app reads a member of staff from App Service Authentication's X-MS-CLIENT-PRINCIPAL.</summary>
public sealed class StaffAccessTests
{
    [Fact]
    public void Resolve_ConfiguredClaimNames_ReadsHsaIdUnitsAndName()
    {
        var services = Services(new() { ["Authentication:Claims:HsaId"] = "urn:sambi:names:attribute:employeeHsaId", ["Authentication:Claims:UnitHsaIds"] = "units" });
        var caller = StaffAccess.Resolve(Request(Principal("aad", ("name", "Nina"), ("urn:sambi:names:attribute:employeeHsaId", "SE2120001480-P1"), ("units", "[\"SE2120001480-hemsjukvard\",\"SE2120001480-rehab\"]"))), services);

        Assert.Null(caller.Refusal);
        var person = Assert.IsType<StaffMember>(caller.Person);
        Assert.Equal(("SE2120001480-P1", "Nina", false), (person.HsaId, person.Name, person.AllUnits));
        Assert.Equal(["SE2120001480-hemsjukvard", "SE2120001480-rehab"], person.UnitHsaIds);
    }

    [Fact]
    public void Resolve_HeaderNamingTheOpenMode_NeverWorksForEveryUnit()
    {
        var caller = StaffAccess.Resolve(Request(Principal(SignInSchemes.Open, ("hsa_id", "SE2120001480-P1"))), Services([]));

        Assert.False(caller.Person!.AllUnits);
        Assert.Empty(caller.Person.UnitHsaIds);
    }

    [Theory]
    [InlineData("roles", 200)]
    [InlineData("http://schemas.microsoft.com/ws/2008/06/identity/claims/role", 200)]
    [InlineData("groups", 403)]
    public void Resolve_Coordinator_RoleFromRoleTypOrTheConfiguredRoleClaim(string claimType, int expected)
    {
        var header = Principal("aad", ("hsa_id", "SE2120001480-P1"), (claimType, "Samordnare"));
        var caller = StaffAccess.Resolve(Request(header, roleType: "http://schemas.microsoft.com/ws/2008/06/identity/claims/role"), Services([]), coordinator: true);

        Assert.Equal(expected, caller.Refusal is null ? 200 : ((IStatusCodeHttpResult)caller.Refusal).StatusCode);
    }

    [Fact]
    public void Resolve_AuthenticationOff_503EvenWithAPrincipal()
    {
        var caller = StaffAccess.Resolve(Request(Principal("aad", ("hsa_id", "SE2120001480-P1"))), Services([], authEnabled: false));

        Assert.Null(caller.Person);
        Assert.Equal(503, ((IStatusCodeHttpResult)caller.Refusal!).StatusCode);
    }

    private static HttpRequest Request(string? principal, string? roleType = null)
    {
        var http = new DefaultHttpContext();
        http.Request.Path = "/overlamning/ct-1";
        if (principal is not null)
        {
            http.Request.Headers["X-MS-CLIENT-PRINCIPAL"] = roleType is null ? principal : Rewrite(principal, roleType);
        }
        return http.Request;
    }

    private static string Principal(string authType, params (string Type, string Value)[] claims)
    {
        var json = $$"""{"auth_typ":{{Json(authType)}},"name_typ":"name","role_typ":"roles","claims":[{{string.Join(",", claims.Select(c => $$"""{"typ":{{Json(c.Type)}},"val":{{Json(c.Value)}}}"""))}}]}""";
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
    }

    private static string Rewrite(string principal, string roleType) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Convert.FromBase64String(principal)).Replace("\"role_typ\":\"roles\"", $"\"role_typ\":{Json(roleType)}", StringComparison.Ordinal)));

    private static string Json(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    private static ServiceProvider Services(Dictionary<string, string?> settings, bool authEnabled = true)
    {
        if (authEnabled)
        {
            settings["WEBSITE_AUTH_ENABLED"] = "True";
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<IHostEnvironment>(new HostingEnvironment { EnvironmentName = Environments.Production })
            .AddStaffClaimNames(configuration)
            .BuildServiceProvider();
    }
}
