using System.Text;
using Dashboard.Security;

namespace Dashboard.Tests.Security;

public sealed class ClientPrincipalTests
{
    private static string Encode(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void HasRole_RoleInPlatformRoleClaimType_IsRecognised()
    {
        var principal = ClientPrincipal.TryParse(Encode("""{"auth_typ":"aad","role_typ":"http://schemas.microsoft.com/ws/2008/06/identity/claims/role","claims":[{"typ":"http://schemas.microsoft.com/ws/2008/06/identity/claims/role","val":"Styrgrupp"}]}"""));

        Assert.True(principal!.HasRole("roles", "Styrgrupp"));
        Assert.False(principal.HasRole("roles", "styrgrupp"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("%%%")]
    public void TryParse_MissingOrInvalidHeader_IsNull(string? header) => Assert.Null(ClientPrincipal.TryParse(header));

    [Fact]
    public void TryParse_Base64ThatIsNotJson_IsNull() => Assert.Null(ClientPrincipal.TryParse(Encode("hej")));
}
