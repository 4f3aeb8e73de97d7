using System.Data.Common;
using CareTransitions.Intake;
using CareTransitions.Storage;
using CareTransitions.Workflow;
using Microsoft.DurableTask.Client;

namespace CareTransitions.Worklist;

/// <summary>
/// Which open transitions a scoped work list needs to read, asked of the app store: <c>handover_transitions</c> holds the
/// municipality and the sending ward from intake, so a coordinator's page reads the statuses of their municipality's and
/// ward's open transitions only, not every open one. Transitions started before the store held the scope are backfilled
/// once per process from their instances' statuses; those with no row at all (started before references) are kept here.
/// </summary>
internal sealed class WorklistCandidates(AppDatabase database, OpenTransitionStatuses statuses)
{
    private readonly SemaphoreSlim backfill = new(1, 1);
    private IReadOnlyList<ScopedTransition>? unstored;

    /// <summary>The ids of the open transitions of these municipalities or sent by these wards; a superset the caller checks against each status.</summary>
    public async Task<IReadOnlyList<string>> OpenInScopeAsync(
        DurableTaskClient client, IReadOnlyCollection<string> municipalityCodes, IReadOnlyCollection<string> wardHsaIds, CancellationToken cancellationToken)
    {
        var unstoredOpen = await this.BackfillOnceAsync(client, cancellationToken);
        var ids = await this.StoredOpenAsync(municipalityCodes, wardHsaIds, cancellationToken);
        ids.AddRange(unstoredOpen.Where(t => municipalityCodes.Contains(t.MunicipalityCode) || wardHsaIds.Contains(t.WardHsaId)).Select(t => t.TransitionId));
        return ids;
    }

    /// <summary>The stored open transitions of these municipalities or wards (the indexes of schema 0006 answer it).</summary>
    public async Task<List<string>> StoredOpenAsync(IReadOnlyCollection<string> municipalityCodes, IReadOnlyCollection<string> wardHsaIds, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        if (municipalityCodes.Count == 0 && wardHsaIds.Count == 0)
        {
            return ids;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var municipalities = Parameters(command, "m", municipalityCodes);
        var wards = Parameters(command, "w", wardHsaIds);
        command.CommandText =
            $"SELECT transition_id FROM handover_transitions WHERE ended_at IS NULL AND (municipality_code IN ({municipalities}) OR ward_hsa_id IN ({wards}))";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }

    /// <summary>
    /// Writes the scope of open transitions started before the store held it, read from their instances' statuses; returns
    /// those without a row (started before references). One pass over every open instance's status (<see cref="OpenTransitionStatuses"/>).
    /// </summary>
    public async Task<IReadOnlyList<ScopedTransition>> BackfillAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        var unstoredNow = new List<ScopedTransition>();
        await using var connection = await database.OpenAsync(cancellationToken);
        foreach (var (id, _, status) in await statuses.OpenAsync(client, wanted: null, cancellationToken))
        {
            if (status is not { MunicipalityCode: { } code, Ward: { } ward })
            {
                continue;
            }

            var scoped = new ScopedTransition(id, code, ward.HsaId);
            if (!await RecordScopeAsync(connection, scoped, cancellationToken))
            {
                unstoredNow.Add(scoped);
            }
        }
        return unstoredNow;
    }

    /// <summary>Writes an older transition's scope where its row has none; false when it has no row (started before references).</summary>
    public async Task<bool> RecordScopeAsync(ScopedTransition transition, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await RecordScopeAsync(connection, transition, cancellationToken);
    }

    private static async Task<bool> RecordScopeAsync(DbConnection connection, ScopedTransition transition, CancellationToken cancellationToken)
    {
        var stored = await connection.QuerySingleOrDefaultAsync(
            "SELECT 1 FROM handover_transitions WHERE transition_id = @TransitionId", new { transition.TransitionId }, _ => true, cancellationToken: cancellationToken);
        if (stored)
        {
            // The scope written at intake stays: only a row without one is filled in.
            await connection.ExecuteAsync(
                "UPDATE handover_transitions SET municipality_code = @MunicipalityCode, ward_hsa_id = @WardHsaId WHERE transition_id = @TransitionId AND municipality_code IS NULL",
                transition, cancellationToken: cancellationToken);
        }
        return stored;
    }

    private async Task<IReadOnlyList<ScopedTransition>> BackfillOnceAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (this.unstored is { } done)
        {
            return done;
        }

        await this.backfill.WaitAsync(cancellationToken);
        try
        {
            // A failed pass (the store out of reach) is tried again by the next request.
            return this.unstored ??= await this.BackfillAsync(client, cancellationToken);
        }
        finally
        {
            this.backfill.Release();
        }
    }

    private static string Parameters(DbCommand command, string prefix, IReadOnlyCollection<string> values)
    {
        if (values.Count == 0)
        {
            return "NULL";
        }

        var names = new List<string>(values.Count);
        foreach (var value in values)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"@{prefix}{names.Count}";
            parameter.Value = value;
            command.Parameters.Add(parameter);
            names.Add(parameter.ParameterName);
        }
        return string.Join(", ", names);
    }
}

/// <summary>An open transition's work-list scope: the municipality it was sent to and the ward that sent it.</summary>
internal sealed record ScopedTransition(string TransitionId, string MunicipalityCode, string WardHsaId);
