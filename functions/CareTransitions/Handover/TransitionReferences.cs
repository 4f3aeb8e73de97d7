using System.Security.Cryptography;
using CareTransitions.Storage;

namespace CareTransitions.Handover;

/// <summary>
/// The short reference every transition gets at its first message, e.g. <c>VÖ-7KQ2</c>: random (never derived from the
/// patient or the episode), unambiguous on the phone (no 0/O or 1/I), unique among the stored transitions. Four
/// characters while they suffice; after repeated collisions a longer one, so the space never runs out.
/// </summary>
internal sealed class TransitionReferences(AppDatabase database, TimeProvider clock)
{
    public const string Prefix = "VÖ-";
    private const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    /// <summary>The transition's reference, made now if it has none; concurrent first messages agree on one.</summary>
    public Task<string> EnsureAsync(string transitionId, CancellationToken cancellationToken) =>
        this.EnsureAsync(transitionId, municipalityCode: null, wardHsaId: null, cancellationToken);

    /// <summary>
    /// The transition's reference, made now if it has none, with the municipality it was sent to and the ward that sent it
    /// (the work list's scope, asked of the store: <see cref="Worklist.WorklistCandidates"/>); the first message's stay.
    /// </summary>
    public async Task<string> EnsureAsync(string transitionId, string? municipalityCode, string? wardHsaId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        for (var attempt = 0; ; attempt++)
        {
            if (await ReferenceAsync(connection, transitionId, cancellationToken) is { } existing)
            {
                return existing;
            }

            // The unique reference decides a collision, the primary key a concurrent start: either way, read again.
            await connection.ExecuteAsync(
                """
                INSERT INTO handover_transitions (transition_id, reference, created_at, municipality_code, ward_hsa_id)
                VALUES (@TransitionId, @Reference, @Now, @MunicipalityCode, @WardHsaId) ON CONFLICT DO NOTHING
                """,
                new { TransitionId = transitionId, Reference = New(4 + (attempt / 4)), Now = clock.GetUtcNow(), MunicipalityCode = municipalityCode, WardHsaId = wardHsaId },
                cancellationToken: cancellationToken);
        }
    }

    /// <summary>The transition's reference, or null for a transition started before references (or already deleted).</summary>
    public async Task<string?> FindAsync(string transitionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ReferenceAsync(connection, transitionId, cancellationToken);
    }

    /// <summary>The transition a reference names (case and a missing "VÖ-" forgiven, as people type it), or null.</summary>
    public async Task<string?> TransitionOfAsync(string reference, CancellationToken cancellationToken)
    {
        var normalized = Normalize(reference);
        if (normalized is null)
        {
            return null;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync(
            "SELECT transition_id FROM handover_transitions WHERE reference = @Reference", new { Reference = normalized }, r => r.GetString(0),
            cancellationToken: cancellationToken);
    }

    /// <summary>A new random reference with <paramref name="length"/> characters after the prefix.</summary>
    public static string New(int length) =>
        Prefix + string.Create(length, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
            }
        });

    /// <summary>"vö-7kq2", "VO-7KQ2" and "7KQ2" all mean VÖ-7KQ2; null for what cannot be a reference.</summary>
    public static string? Normalize(string? text)
    {
        var upper = text?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(upper))
        {
            return null;
        }

        var code = upper.StartsWith(Prefix, StringComparison.Ordinal) ? upper[Prefix.Length..]
            : upper.StartsWith("VO-", StringComparison.Ordinal) ? upper[3..]
            : upper;
        return code.Length is >= 4 and <= 12 && code.All(c => Alphabet.Contains(c, StringComparison.Ordinal)) ? Prefix + code : null;
    }

    private static Task<string?> ReferenceAsync(System.Data.Common.DbConnection connection, string transitionId, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync(
            "SELECT reference FROM handover_transitions WHERE transition_id = @TransitionId", new { TransitionId = transitionId }, r => r.GetString(0),
            cancellationToken: cancellationToken);
}
