using Platform.Outcomes;

namespace Dashboard.Storage;

/// <summary>
/// Writes outcomes into the statistics store (SQLite or PostgreSQL). A replaced outcome is updated in place (same
/// row id), its units rewritten, and the readmission flags of the patient's episodes recomputed, all in one transaction.
/// </summary>
internal sealed class OutcomeRecorder(StatisticsDatabase database) : IOutcomeRecorder
{
    public Task RecordAsync(TransitionOutcome outcome, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return RecordManyAsync([outcome], cancellationToken);
    }

    /// <summary>Records a batch in one transaction; the demo data and the benchmark load through this.</summary>
    public Task RecordManyAsync(IReadOnlyList<TransitionOutcome> outcomes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        // Derive first: a bad outcome fails before anything is written.
        var derived = outcomes.Select(o => (Outcome: o, Facts: OutcomeFacts.From(o))).ToList();
        cancellationToken.ThrowIfCancellationRequested();

        using var connection = database.Open();
        using var transaction = StatisticsDatabase.BeginWrite(connection);
        using var writer = new OutcomeWriter(connection, transaction);
        var seq = writer.NextSequence();
        var patients = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (outcome, facts) in derived)
        {
            if (writer.Upsert(outcome, facts, seq) is { } previousPatient)
            {
                patients.Add(previousPatient);
            }
            patients.Add(outcome.PatientPseudonym);
        }
        foreach (var patient in patients)
        {
            writer.RefreshReadmissions(patient, seq);
        }
        transaction.Commit();
        return Task.CompletedTask;
    }
}
