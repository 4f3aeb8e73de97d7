using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dashboard.Security;

/// <summary>
/// The user App Service Authentication puts in <c>X-MS-CLIENT-PRINCIPAL</c>: base64 JSON with claims.
/// The platform strips the header from outside requests, so its presence means the front end signed the user in.
/// </summary>
internal sealed record ClientPrincipal(
    [property: JsonPropertyName("auth_typ")] string? AuthenticationType,
    [property: JsonPropertyName("name_typ")] string? NameClaimType,
    [property: JsonPropertyName("role_typ")] string? RoleClaimType,
    [property: JsonPropertyName("claims")] IReadOnlyList<ClientClaim>? Claims)
{
    public const string HeaderName = "X-MS-CLIENT-PRINCIPAL";

    public static ClientPrincipal? TryParse(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }
        try
        {
            var json = Encoding.UTF8.GetString(Convert.FromBase64String(header));
            return JsonSerializer.Deserialize<ClientPrincipal>(json);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The user as a <see cref="ClaimsPrincipal"/>: every claim as sent, the identity's type, name claim and role claim
    /// those App Service named (<c>auth_typ</c>, <c>name_typ</c>, <c>role_typ</c>). Authenticated, since the platform signed them in.
    /// </summary>
    public ClaimsPrincipal ToClaimsPrincipal()
    {
        var claims = (this.Claims ?? []).Where(c => !string.IsNullOrEmpty(c.Type) && c.Value is not null).Select(c => new Claim(c.Type!, c.Value!));
        var authenticationType = string.IsNullOrWhiteSpace(this.AuthenticationType) ? "appservice" : this.AuthenticationType;
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, this.NameClaimType ?? ClaimTypes.Name, this.RoleClaimType ?? ClaimTypes.Role));
    }

    public bool HasRole(string roleClaimType, string role) =>
        Claims?.Any(c => (c.Type == roleClaimType || (RoleClaimType is not null && c.Type == RoleClaimType))
            && string.Equals(c.Value, role, StringComparison.Ordinal)) == true;
}

internal sealed record ClientClaim(
    [property: JsonPropertyName("typ")] string? Type,
    [property: JsonPropertyName("val")] string? Value);
