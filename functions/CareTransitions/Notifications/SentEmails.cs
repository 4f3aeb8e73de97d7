using CareTransitions.Audit;
using CareTransitions.Storage;

namespace CareTransitions.Notifications;

/// <summary>The emails sent, by Message-ID, each with its audit row (the app store's <c>sent_emails</c>).</summary>
internal sealed class SentEmails(AppDatabase database)
{
    /// <summary>When the email with this Message-ID was sent, or null if it has not been.</summary>
    public async Task<DateTimeOffset?> SentAtAsync(string messageId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync(
            "SELECT sent_at FROM sent_emails WHERE message_id = @MessageId", new { MessageId = messageId },
            r => (DateTimeOffset?)r.GetTime(0), cancellationToken: cancellationToken);
    }

    /// <summary>Records a sent email and its audit row in one transaction (a resend of the same Message-ID keeps the first row).</summary>
    public Task RecordAsync(NotificationRequest email, string messageId, DateTimeOffset sentAt, CancellationToken cancellationToken) =>
        this.RecordAsync(email.TransitionId, email.UnitId, email.Kind.ToString(), email.Recipient, messageId, sentAt, cancellationToken);

    /// <summary>The same for an email that is not a unit's notification (a SIP invitation), named by its kind.</summary>
    public async Task RecordAsync(string transitionId, string unitId, string kind, string recipient, string messageId, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(
            """
            INSERT INTO sent_emails (message_id, transition_id, unit_id, kind, recipient, sent_at) VALUES (@MessageId, @TransitionId, @UnitId, @Kind, @Recipient, @SentAt)
            ON CONFLICT DO NOTHING
            """,
            new { MessageId = messageId, TransitionId = transitionId, UnitId = unitId, Kind = kind, Recipient = recipient, SentAt = sentAt },
            transaction, cancellationToken);
        await AuditLog.WriteAsync(
            connection, transaction,
            new AuditEntry(sentAt, "system", AuditActions.EmailSent, transitionId, unitId, $"{kind} to {recipient} {messageId}"),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Audits one failed attempt with its reason (an <see cref="Platform.Mail.SmtpDeliveryException"/>'s message: where and
    /// what, never personal data). Every attempt gets a row, so the trail shows how long the mail server was refusing.
    /// </summary>
    public Task RecordFailureAsync(NotificationRequest email, string messageId, DateTimeOffset at, string reason, CancellationToken cancellationToken) =>
        this.RecordFailureAsync(email.TransitionId, email.UnitId, email.Kind.ToString(), email.Recipient, messageId, at, reason, cancellationToken);

    /// <summary>The same for an email that is not a unit's notification (a SIP invitation), named by its kind.</summary>
    public async Task RecordFailureAsync(
        string transitionId, string unitId, string kind, string recipient, string messageId, DateTimeOffset at, string reason, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await AuditLog.WriteAsync(
            connection, null,
            new AuditEntry(at, "system", AuditActions.EmailFailed, transitionId, unitId, $"{kind} to {recipient} {messageId}: {reason}"),
            cancellationToken);
    }
}
