using CareTransitions.Audit;
using CareTransitions.Storage;
using CareTransitions.Workflow;

namespace CareTransitions.Intake;

/// <summary>What intake keeps of a message it accepted: its transition, its type and when it came (never its content).</summary>
internal sealed record ProcessedMessage(string TransitionId, MessageType Type, DateTimeOffset ReceivedAt);

/// <summary>The messageIds intake has handed to a transition, each with its audit row (the app store's <c>processed_messages</c>).</summary>
internal sealed class ProcessedMessages(AppDatabase database)
{
    /// <summary>The first delivery of a messageId, or null if it is new.</summary>
    public async Task<ProcessedMessage?> FindAsync(string messageId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync(
            "SELECT transition_id, type, received_at FROM processed_messages WHERE message_id = @MessageId", new { MessageId = messageId },
            r => new ProcessedMessage(r.GetString(0), Enum.Parse<MessageType>(r.GetString(1)), r.GetTime(2)), cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Records the messageId and its audit row in one transaction: both or neither. False when another delivery
    /// of the same message (on this instance or another) recorded it first; the primary key decides.
    /// </summary>
    public async Task<bool> RecordAsync(ValidIntakeMessage message, string transitionId, string channel, AuditEntry audit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(
            """
            INSERT INTO processed_messages (message_id, transition_id, type, channel, received_at) VALUES (@MessageId, @TransitionId, @Type, @Channel, @At)
            ON CONFLICT DO NOTHING
            """,
            new { message.MessageId, TransitionId = transitionId, Type = message.Type.ToString(), Channel = channel, audit.At },
            transaction, cancellationToken);
        if (inserted == 1)
        {
            await AuditLog.WriteAsync(connection, transaction, audit, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return inserted == 1;
    }
}
