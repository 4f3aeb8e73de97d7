using System.Data.Common;
using CareTransitions.Storage;

namespace CareTransitions.Handover;

/// <summary>
/// The handover information of each transition, one sealed row per version (<c>handover_versions</c>): a message that
/// changes it adds the next version, one that changes nothing adds none, and a message delivered twice finds its own.
/// </summary>
internal sealed class HandoverStore(AppDatabase database, PersonalDataCipher cipher)
{
    public const string Kind = "handover";

    /// <summary>
    /// Stores what <paramref name="incoming"/> brings as the next version, merged onto the latest. Returns the version
    /// that holds it and whether this message added it (now, or on an earlier delivery that did not finish); false when it
    /// changed nothing.
    /// </summary>
    public async Task<(int Version, bool Added)> SaveAsync(
        string transitionId, string messageId, HandoverInformation incoming, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        while (true)
        {
            var own = await connection.QuerySingleOrDefaultAsync(
                "SELECT version FROM handover_versions WHERE message_id = @MessageId AND transition_id = @TransitionId",
                new { MessageId = messageId, TransitionId = transitionId }, r => (int?)Convert.ToInt32(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture),
                cancellationToken: cancellationToken);
            if (own is { } seen)
            {
                return (seen, true);
            }

            var latest = await this.LatestAsync(connection, transitionId, cancellationToken);
            var merged = latest is null ? incoming : latest.Information.With(incoming);
            if (latest is not null && merged.SameAs(latest.Information))
            {
                return (latest.Version, false);
            }

            var version = (latest?.Version ?? 0) + 1;
            var sealedData = cipher.Seal(Kind, transitionId, HandoverJson.Serialize(merged));
            // Two messages of one episode at once both aim for the next number: the primary key lets one win, the other reads again.
            var inserted = await connection.ExecuteAsync(
                """
                INSERT INTO handover_versions (transition_id, version, message_id, recorded_at, key_id, sealed)
                VALUES (@TransitionId, @Version, @MessageId, @At, @KeyId, @Sealed) ON CONFLICT DO NOTHING
                """,
                new { TransitionId = transitionId, Version = version, MessageId = messageId, At = at, sealedData.KeyId, Sealed = sealedData.Bytes },
                cancellationToken: cancellationToken);
            if (inserted == 1)
            {
                return (version, true);
            }
        }
    }

    /// <summary>The newest version, or null when the ward has sent none (or it was deleted).</summary>
    public async Task<HandoverVersion?> LatestAsync(string transitionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await this.LatestAsync(connection, transitionId, cancellationToken);
    }

    /// <summary>Every version, oldest first.</summary>
    public async Task<IReadOnlyList<HandoverVersion>> HistoryAsync(string transitionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QueryAsync(
            "SELECT version, recorded_at, key_id, sealed FROM handover_versions WHERE transition_id = @TransitionId ORDER BY version",
            new { TransitionId = transitionId }, r => this.Read(r, transitionId), cancellationToken);
    }

    private Task<HandoverVersion?> LatestAsync(DbConnection connection, string transitionId, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync(
            "SELECT version, recorded_at, key_id, sealed FROM handover_versions WHERE transition_id = @TransitionId ORDER BY version DESC LIMIT 1",
            new { TransitionId = transitionId }, r => (HandoverVersion?)this.Read(r, transitionId), cancellationToken: cancellationToken);

    private HandoverVersion Read(DbDataReader r, string transitionId) => new(
        Convert.ToInt32(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture),
        r.GetTime(1),
        HandoverJson.Deserialize<HandoverInformation>(cipher.Open(Kind, transitionId, new SealedData(r.GetString(2), (byte[])r.GetValue(3)))));
}
