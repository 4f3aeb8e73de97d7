using CareTransitions.Storage;

namespace CareTransitions.Handover;

/// <summary>What one person wrote in a transition's conversation, with who they are and for which unit (all sealed).</summary>
internal sealed record ConversationEntry(string AuthorName, string AuthorHsaId, string UnitName, string Text);

/// <summary>A stored conversation message.</summary>
/// <param name="Party">The unit it was written for: a directory unit id, or the ward's HSA-id.</param>
internal sealed record ConversationMessage(long Id, DateTimeOffset PostedAt, string Party, ConversationEntry Entry);

/// <summary>The conversation between the ward and the units of a transition (<c>handover_messages</c>), each message sealed.</summary>
internal sealed class ConversationStore(AppDatabase database, PersonalDataCipher cipher)
{
    public const string Kind = "message";
    public const int MaxTextLength = 2000;

    public async Task PostAsync(string transitionId, string party, ConversationEntry entry, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var sealedData = cipher.Seal(Kind, transitionId, HandoverJson.Serialize(entry));
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            "INSERT INTO handover_messages (transition_id, posted_at, party, key_id, sealed) VALUES (@TransitionId, @At, @Party, @KeyId, @Sealed)",
            new { TransitionId = transitionId, At = at, Party = party, sealedData.KeyId, Sealed = sealedData.Bytes },
            cancellationToken: cancellationToken);
    }

    /// <summary>The conversation, oldest first.</summary>
    public async Task<IReadOnlyList<ConversationMessage>> ListAsync(string transitionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QueryAsync(
            "SELECT id, posted_at, party, key_id, sealed FROM handover_messages WHERE transition_id = @TransitionId ORDER BY id",
            new { TransitionId = transitionId },
            r => new ConversationMessage(
                Convert.ToInt64(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture), r.GetTime(1), r.GetString(2),
                HandoverJson.Deserialize<ConversationEntry>(cipher.Open(Kind, transitionId, new SealedData(r.GetString(3), (byte[])r.GetValue(4))))),
            cancellationToken);
    }
}
