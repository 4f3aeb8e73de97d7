using CareTransitions.Audit;
using CareTransitions.Storage;

namespace CareTransitions.Acknowledgements;

/// <summary>A unit's acknowledgement as stored.</summary>
internal sealed record StoredAcknowledgement(string AcknowledgedBy, DateTimeOffset AcknowledgedAt);

/// <summary>Acknowledgements in the app store, written with their audit row in one transaction.</summary>
internal sealed class AcknowledgementStore(AppDatabase database)
{
    private const string Select =
        "SELECT acknowledged_by, acknowledged_at FROM acknowledgements WHERE transition_id = @TransitionId AND unit_id = @UnitId";

    public async Task<StoredAcknowledgement?> FindAsync(string transitionId, string unitId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync(
            Select, new { TransitionId = transitionId, UnitId = unitId }, Read, cancellationToken: cancellationToken);
    }

    /// <summary>Stores the acknowledgement unless the unit already acknowledged; returns the one that counts.</summary>
    /// <remarks>
    /// IMPORTANT: the primary key decides, not this process: of two clicks at once, on one instance or two,
    /// exactly one insert returns a row and writes the audit row; the other waits for it to commit, inserts
    /// nothing and reads the winner's acknowledgement.
    /// </remarks>
    public async Task<(StoredAcknowledgement Acknowledgement, bool IsNew)> RecordAsync(
        string transitionId, string unitId, string name, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var key = new { TransitionId = transitionId, UnitId = unitId };
        var inserted = await connection.QuerySingleOrDefaultAsync(
            """
            INSERT INTO acknowledgements (transition_id, unit_id, acknowledged_by, acknowledged_at) VALUES (@TransitionId, @UnitId, @Name, @At)
            ON CONFLICT DO NOTHING RETURNING acknowledged_by, acknowledged_at
            """,
            new { TransitionId = transitionId, UnitId = unitId, Name = name, At = at }, Read, transaction, cancellationToken);
        if (inserted is not null)
        {
            await AuditLog.WriteAsync(connection, transaction, new AuditEntry(at, $"{name} ({unitId})", AuditActions.Acknowledged, transitionId, unitId, null), cancellationToken);
        }

        var stored = inserted ?? await connection.QuerySingleOrDefaultAsync(Select, key, Read, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (stored!, inserted is not null);
    }

    private static StoredAcknowledgement Read(System.Data.Common.DbDataReader r) => new(r.GetString(0), r.GetTime(1));
}
