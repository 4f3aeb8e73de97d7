using System.Security.Claims;
using System.Text.Json;

namespace CareTransitions.SignIn;

/// <summary>
/// A signed-in member of staff (personal): the HSA-id and name from the identity provider and the HSA-ids of the units
/// they work for, which decide whose patient data they may see. <paramref name="AllUnits"/> only for Development's open mode.
/// </summary>
internal sealed record StaffMember(string HsaId, string Name, IReadOnlyList<string> UnitHsaIds, bool AllUnits = false);

/// <summary>Reads a <see cref="StaffMember"/> from the session's claims, named by <c>Authentication:Claims</c>.</summary>
internal static class StaffIdentity
{
    /// <summary>The developer of the open mode (Development only), who sees every unit's transitions.</summary>
    public const string DeveloperHsaId = "SE0000000000-utvecklare";

    private static readonly char[] Separators = [' ', ',', '\t', '\n', '\r'];

    /// <summary>The person, or null when nobody is signed in, for the API key, or for a session without an HSA-id.</summary>
    public static StaffMember? From(ClaimsPrincipal? user, SignInOptions options)
    {
        if (user?.Identity is not { IsAuthenticated: true } identity || identity.AuthenticationType == SignInSchemes.ApiKey)
        {
            return null;
        }
        var hsaId = user.FindFirst(options.Claims.HsaId)?.Value.Trim();
        if (string.IsNullOrEmpty(hsaId))
        {
            return null;
        }

        var name = user.FindFirst(options.OpenIdConnect.NameClaimType)?.Value ?? identity.Name ?? hsaId;
        var units = user.FindAll(options.Claims.UnitHsaIds).SelectMany(c => UnitsIn(c.Value)).Distinct(StringComparer.Ordinal).ToList();
        // Only the open mode's own handler issues this scheme, and the validator keeps that mode to Development.
        return new StaffMember(hsaId, name, units, AllUnits: identity.AuthenticationType == SignInSchemes.Open);
    }

    // Providers differ: one claim per unit, one claim holding a JSON array, or one string of several ids.
    private static IEnumerable<string> UnitsIn(string value)
    {
        var text = value.Trim();
        if (text.StartsWith('['))
        {
            try
            {
                return JsonSerializer.Deserialize<string?[]>(text)?.Where(u => !string.IsNullOrWhiteSpace(u)).Select(u => u!.Trim()) ?? [];
            }
            catch (JsonException)
            {
                // Not JSON after all: read it as a list of ids below, so nothing it names is silently lost.
            }
        }
        return text.Split(Separators, StringSplitOptions.RemoveEmptyEntries).Select(u => u.Trim('[', ']', '"')).Where(u => u.Length > 0);
    }
}
