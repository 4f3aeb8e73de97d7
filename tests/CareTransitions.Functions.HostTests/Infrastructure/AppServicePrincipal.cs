using System.Text;
using System.Text.Json.Nodes;

namespace CareTransitions.Functions.HostTests.Infrastructure;

/// <summary>
/// What App Service Authentication puts in <c>X-MS-CLIENT-PRINCIPAL</c> for an Entra user: base64 JSON with the ID
/// token's claims, here the app's default staff claims (hsa_id, unit_hsa_ids) and app roles.
/// </summary>
public static class AppServicePrincipal
{
    public const string HeaderName = "X-MS-CLIENT-PRINCIPAL";

    public static string Staff(string name, string hsaId, string[] unitHsaIds, params string[] roles)
    {
        var claims = new JsonArray(Claim("name", name), Claim("hsa_id", hsaId));
        foreach (var unit in unitHsaIds)
        {
            claims.Add(Claim("unit_hsa_ids", unit));
        }
        foreach (var role in roles)
        {
            claims.Add(Claim("roles", role));
        }
        var principal = new JsonObject
        {
            ["auth_typ"] = "aad",
            ["name_typ"] = "name",
            ["role_typ"] = "roles",
            ["claims"] = claims,
        };
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(principal.ToJsonString()));
    }

    /// <summary>A request carrying <paramref name="principal"/>, as the platform forwards a signed-in user's.</summary>
    public static HttpRequestMessage As(this HttpRequestMessage request, string principal)
    {
        request.Headers.Add(HeaderName, principal);
        return request;
    }

    private static JsonObject Claim(string type, string value) => new() { ["typ"] = type, ["val"] = value };
}
