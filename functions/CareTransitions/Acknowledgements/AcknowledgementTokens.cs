using System.Security.Cryptography;
using CareTransitions.Configuration;
using CareTransitions.Storage;

namespace CareTransitions.Acknowledgements;

/// <summary>What a valid token opens: one unit's acknowledgement of one transition; nothing once <paramref name="ReplacedAt"/> is set.</summary>
/// <param name="ReplacedAt">When a coordinator resent the unit's link, which replaced this one.</param>
internal sealed record TokenGrant(string TransitionId, string UnitId, DateTimeOffset ExpiresAt, DateTimeOffset? ReplacedAt = null);

/// <summary>
/// Acknowledgement tokens: 32 random bytes (256 bits) sent as base64url in the link, stored only as
/// their SHA-256 hash, bound to one unit of one transition, with an expiry. A leaked app store therefore
/// holds no usable link.
/// </summary>
internal sealed class AcknowledgementTokens(AppDatabase database)
{
    private const int TokenBytes = 32;

    public async Task<string> CreateAsync(string transitionId, string unitId, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var raw = RandomNumberGenerator.GetBytes(TokenBytes);
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            "INSERT INTO ack_tokens (token_hash, transition_id, unit_id, created_at, expires_at) VALUES (@Hash, @TransitionId, @UnitId, @CreatedAt, @ExpiresAt)",
            new { Hash = SHA256.HashData(raw), TransitionId = transitionId, UnitId = unitId, CreatedAt = now, ExpiresAt = expiresAt },
            cancellationToken: cancellationToken);
        return Base64Url.Encode(raw);
    }

    /// <summary>
    /// Marks every other live token of the unit in the transition replaced by <paramref name="keep"/>: after a coordinator
    /// resends the link, only the new one opens the acknowledgement, so an email forwarded astray stops working, and the old
    /// link's page says a newer one was sent. Replaced tokens are deleted when they expire, as the others are.
    /// </summary>
    public async Task<int> RevokeOthersAsync(string transitionId, string unitId, string keep, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var hash = Base64Url.TryDecode(keep, out var raw) ? SHA256.HashData(raw) : throw new ArgumentException("Not a token this class made.", nameof(keep));
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(
            "UPDATE ack_tokens SET replaced_at = @Now WHERE transition_id = @TransitionId AND unit_id = @UnitId AND token_hash <> @Hash AND replaced_at IS NULL",
            new { TransitionId = transitionId, UnitId = unitId, Hash = hash, Now = now }, cancellationToken: cancellationToken);
    }

    /// <summary>The grant behind a token (expired or replaced or not), or null when the token is malformed or unknown.</summary>
    public async Task<TokenGrant?> FindAsync(string token, CancellationToken cancellationToken)
    {
        if (token.Length > 64 || !Base64Url.TryDecode(token, out var raw) || raw.Length != TokenBytes)
        {
            return null;
        }

        var hash = SHA256.HashData(raw);
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync(
            "SELECT token_hash, transition_id, unit_id, expires_at, replaced_at FROM ack_tokens WHERE token_hash = @Hash",
            new { Hash = hash },
            r => (Hash: (byte[])r.GetValue(0), Grant: new TokenGrant(r.GetString(1), r.GetString(2), r.GetTime(3), r.IsDBNull(4) ? null : r.GetTime(4))),
            cancellationToken: cancellationToken);

        // The index lookup already matched; the constant-time compare keeps the check honest if the lookup ever changes.
        return row.Hash is not null && CryptographicOperations.FixedTimeEquals(row.Hash, hash) ? row.Grant : null;
    }
}
