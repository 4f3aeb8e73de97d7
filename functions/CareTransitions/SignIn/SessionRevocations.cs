using System.Security.Claims;
using System.Security.Cryptography;
using CareTransitions.Configuration;
using CareTransitions.Storage;

namespace CareTransitions.SignIn;

/// <summary>
/// Sessions ended by signing out, kept in the app store until they would have expired anyway, so a session cookie
/// copied before the sign-out is refused on every instance. Each session carries a random id of its own.
/// </summary>
internal sealed class SessionRevocations(AppDatabase database)
{
    /// <summary>The session's random id, a claim in the encrypted session cookie.</summary>
    public const string ClaimType = "ct_session";

    public static void GiveNewId(ClaimsPrincipal principal) =>
        (principal.Identity as ClaimsIdentity)?.AddClaim(new Claim(ClaimType, Base64Url.Encode(RandomNumberGenerator.GetBytes(16))));

    public static string? IdOf(ClaimsPrincipal? principal) => principal?.FindFirst(ClaimType)?.Value;

    public async Task RevokeAsync(string sessionId, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            "INSERT INTO revoked_sessions (session_id, revoked_until) VALUES (@Id, @Until) ON CONFLICT (session_id) DO NOTHING",
            new { Id = sessionId, Until = until }, cancellationToken: cancellationToken);
    }

    public async Task<bool> IsRevokedAsync(string sessionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync(
            "SELECT 1 FROM revoked_sessions WHERE session_id = @Id", new { Id = sessionId }, _ => true, cancellationToken: cancellationToken);
    }
}
