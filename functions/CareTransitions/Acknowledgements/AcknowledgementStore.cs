using CareTransitions.Audit;
using CareTransitions.Storage;

namespace CareTransitions.Acknowledgements;

/// <summary>A unit's acknowledgement as stored.</summary>
internal sealed record StoredAcknowledgement(string AcknowledgedBy, DateTimeOffset AcknowledgedAt);

/// <summary>Acknowledgements in app.db, written with their audit row in one transaction.</summary>
internal sealed class AcknowledgementStore(AppDatabase database)
{
    public async Task<StoredAcknowledgement?> FindAsync(string transitionId, string unitId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync(
            "SELECT acknowledged_by, acknowledged_at FROM acknowledgements WHERE transition_id = $TransitionId AND unit_id = $UnitId",
            new { TransitionId = transitionId, UnitId = unitId },
            r => new StoredAcknowledgement(r.GetString(0), r.GetTime(1)),
            cancellationToken: cancellationToken);
    }

    /// <summary>Stores the acknowledgement unless the unit already acknowledged; returns the one that counts.</summary>
    public async Task<(StoredAcknowledgement Acknowledgement, bool IsNew)> RecordAsync(
        string transitionId, string unitId, string name, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (Microsoft.Data.Sqlite.SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(
            "INSERT OR IGNORE INTO acknowledgements (transition_id, unit_id, acknowledged_by, acknowledged_at) VALUES ($TransitionId, $UnitId, $Name, $At)",
            new { TransitionId = transitionId, UnitId = unitId, Name = name, At = at.ToDb() }, transaction, cancellationToken);
        if (inserted == 1)
        {
            await AuditLog.WriteAsync(connection, transaction, new AuditEntry(at, $"{name} ({unitId})", AuditActions.Acknowledged, transitionId, unitId, null), cancellationToken);
        }

        var stored = await connection.QuerySingleOrDefaultAsync(
            "SELECT acknowledged_by, acknowledged_at FROM acknowledgements WHERE transition_id = $TransitionId AND unit_id = $UnitId",
            new { TransitionId = transitionId, UnitId = unitId },
            r => new StoredAcknowledgement(r.GetString(0), r.GetTime(1)), transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (stored!, inserted == 1);
    }
}
