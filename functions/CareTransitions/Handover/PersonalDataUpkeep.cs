using CareTransitions.Storage;

namespace CareTransitions.Handover;

/// <summary>
/// The personal data's life cycle beyond intake and the pages: a transition's end is recorded, its personal data deleted
/// <see cref="PersonalDataOptions.Retention"/> later (or at once when it is purged), and the rotation command re-seals
/// every record under the current key. The pseudonymised statistics are in another store and stay.
/// </summary>
internal sealed class PersonalDataUpkeep(AppDatabase database, PersonalDataCipher cipher, TimeProvider clock)
{
    private static readonly string[] SealedTables = ["handover_versions", "handover_messages", "sip_meetings", "sip_answers"];

    /// <summary>Marks the transition ended (completed or terminated); its retention counts from here. The first mark stays.</summary>
    public async Task MarkEndedAsync(string transitionId, DateTimeOffset? at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            "UPDATE handover_transitions SET ended_at = @At WHERE transition_id = @TransitionId AND ended_at IS NULL",
            new { TransitionId = transitionId, At = at ?? clock.GetUtcNow() }, cancellationToken: cancellationToken);
    }

    /// <summary>Deletes the transition's personal data now (it was purged); the reference row goes with it.</summary>
    public async Task DeleteAsync(string transitionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var table in SealedTables.Append("handover_transitions"))
        {
            await connection.ExecuteAsync($"DELETE FROM {table} WHERE transition_id = @TransitionId", new { TransitionId = transitionId }, transaction, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Deletes the personal data of transitions that ended before <paramref name="endedBefore"/>; returns how many transitions.</summary>
    public async Task<int> DeleteEndedBeforeAsync(DateTimeOffset endedBefore, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        const string Ended = "SELECT transition_id FROM handover_transitions WHERE ended_at < @Before";
        foreach (var table in SealedTables)
        {
            await connection.ExecuteAsync($"DELETE FROM {table} WHERE transition_id IN ({Ended})", new { Before = endedBefore }, transaction, cancellationToken);
        }

        var transitions = await connection.ExecuteAsync("DELETE FROM handover_transitions WHERE ended_at < @Before", new { Before = endedBefore }, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return transitions;
    }

    /// <summary>Re-seals every record not under the current key, in batches; returns how many were re-sealed.</summary>
    /// <param name="progress">Told the running count after each batch (the command prints it).</param>
    public async Task<int> RotateAsync(IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var total = 0;
        await using var connection = await database.OpenAsync(cancellationToken);
        foreach (var (table, key, kind) in new[] { ("handover_versions", "version", HandoverStore.Kind), ("handover_messages", "id", ConversationStore.Kind), ("sip_meetings", "id", Sip.SipMeetingStore.Kind) })
        {
            while (true)
            {
                var batch = await connection.QueryAsync(
                    $"SELECT transition_id, {key}, key_id, sealed FROM {table} WHERE key_id <> @Current LIMIT 500",
                    new { Current = cipher.CurrentKeyId },
                    r => (TransitionId: r.GetString(0), Key: Convert.ToInt64(r.GetValue(1), System.Globalization.CultureInfo.InvariantCulture), Sealed: new SealedData(r.GetString(2), (byte[])r.GetValue(3))),
                    cancellationToken);
                if (batch.Count == 0)
                {
                    break;
                }

                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                foreach (var row in batch)
                {
                    var resealed = cipher.Seal(kind, row.TransitionId, cipher.Open(kind, row.TransitionId, row.Sealed));
                    // Only if still under the old key: an instance rotating beside this one never seals a record twice over.
                    await connection.ExecuteAsync(
                        $"UPDATE {table} SET key_id = @KeyId, sealed = @Sealed WHERE transition_id = @TransitionId AND {key} = @Key AND key_id = @OldKeyId",
                        new { resealed.KeyId, Sealed = resealed.Bytes, row.TransitionId, row.Key, OldKeyId = row.Sealed.KeyId }, transaction, cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                total += batch.Count;
                progress?.Report(total);
            }
        }

        return total;
    }
}
