using System.Data.Common;
using CareTransitions.Storage;

namespace CareTransitions.Audit;

/// <summary>What was done, as written to the audit trail.</summary>
internal static class AuditActions
{
    public const string MessageReceived = "MessageReceived";
    public const string EmailSent = "EmailSent";
    public const string EmailFailed = "EmailFailed";
    public const string AcknowledgementPageViewed = "AcknowledgementPageViewed";
    public const string Acknowledged = "Acknowledged";
    public const string TransitionViewed = "TransitionViewed";
    public const string TransitionsListed = "TransitionsListed";
    public const string TransitionTerminated = "TransitionTerminated";
    public const string TransitionPurged = "TransitionPurged";
    public const string QueueMessageRefused = "QueueMessageRefused";
    public const string SipCalled = "SipCalled";
    public const string SipCancelled = "SipCancelled";
    public const string SipAnswered = "SipAnswered";
    public const string WorklistListed = "WorklistListed";
    public const string LinkResent = "LinkResent";
    public const string AcknowledgedByPhone = "AcknowledgedByPhone";
    public const string WithdrawnForWard = "WithdrawnForWard";
}

/// <summary>One audit row: who did what to which transition, when.</summary>
internal sealed record AuditEntry(DateTimeOffset At, string Actor, string Action, string? TransitionId, string? UnitId, string? Detail);

/// <summary>
/// The audit trail (who, what, when) of every access to and change of a transition. Rows go in the
/// same transaction as the change they describe where there is one, so neither exists without the other.
/// </summary>
internal sealed class AuditLog(AppDatabase database, TimeProvider clock)
{
    public static Task WriteAsync(DbConnection connection, DbTransaction? transaction, AuditEntry entry, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(
            "INSERT INTO audit_log (at, actor, action, transition_id, unit_id, detail) VALUES (@At, @Actor, @Action, @TransitionId, @UnitId, @Detail)",
            new { entry.At, entry.Actor, entry.Action, entry.TransitionId, entry.UnitId, entry.Detail },
            transaction, cancellationToken);

    public async Task RecordAsync(string actor, string action, string? transitionId, string? unitId = null, string? detail = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await WriteAsync(connection, null, new AuditEntry(clock.GetUtcNow(), actor, action, transitionId, unitId, detail), cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEntry>> ForTransitionAsync(string transitionId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QueryAsync(
            "SELECT at, actor, action, transition_id, unit_id, detail FROM audit_log WHERE transition_id = @Id ORDER BY id",
            new { Id = transitionId },
            r => new AuditEntry(r.GetTime(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5)),
            cancellationToken);
    }
}
