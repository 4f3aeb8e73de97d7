using System.Text.Json;
using CareTransitions.Configuration;
using CareTransitions.Workflow;
using Microsoft.Data.Sqlite;

namespace BenchmarkSeeding;

/// <summary>
/// Writes the transitions into the durable store (<c>durable.db</c>, table <c>Instances</c> of the backend's schema
/// 0001_backend_tables.sql, migrated by the service's first start) as the orchestrator leaves a transition between
/// messages: Running (the open ones) or Completed, its input, and the custom status it keeps current (<see cref="TransitionStatus"/>, in the workflow's
/// one JSON setting, as the SDK's converter writes it). IMPORTANT: no row in NewEvents, so the backend has no work for
/// them and the worker never replays them (a real instance would also wait on a reminder timer and hold its history;
/// the page reads only the instance row).
/// </summary>
internal static class DurableSeed
{
    private const int Batch = 10_000;

    public static void Write(string databasePath, IReadOnlyList<SeededTransition> transitions, WorkflowSettings settings)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            // Seeding only: the service reopens the file with its own settings (WAL, synchronous=FULL).
            pragma.CommandText = "PRAGMA synchronous = OFF";
            pragma.ExecuteNonQuery();
        }

        for (var start = 0; start < transitions.Count; start += Batch)
        {
            using var transaction = connection.BeginTransaction();
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText =
                """
                INSERT INTO Instances (InstanceId, ExecutionId, Name, Version, RuntimeStatus, Input, CustomStatus, CreatedAt, LastUpdatedAt)
                VALUES ($id, $x, $name, NULL, $status, $input, $custom, $created, $updated)
                """;
            var id = insert.Parameters.Add("$id", SqliteType.Text);
            var runtime = insert.Parameters.Add("$status", SqliteType.Text);
            var execution = insert.Parameters.Add("$x", SqliteType.Text);
            insert.Parameters.AddWithValue("$name", nameof(CareTransitionOrchestrator));
            var input = insert.Parameters.Add("$input", SqliteType.Text);
            var custom = insert.Parameters.Add("$custom", SqliteType.Text);
            var created = insert.Parameters.Add("$created", SqliteType.Integer);
            var updated = insert.Parameters.Add("$updated", SqliteType.Integer);
            foreach (var t in transitions.Skip(start).Take(Batch))
            {
                id.Value = t.Id;
                runtime.Value = t.Open ? "Running" : "Completed";
                execution.Value = Guid.NewGuid().ToString("N");
                input.Value = JsonSerializer.Serialize(Start(t, settings), CareTransitionsJson.Options);
                custom.Value = JsonSerializer.Serialize(Status(t, settings), CareTransitionsJson.Options);
                created.Value = t.CreatedAt.ToUnixTimeMilliseconds();
                updated.Value = t.CreatedAt.AddHours(20).ToUnixTimeMilliseconds();
                insert.ExecuteNonQuery();
            }
            transaction.Commit();
        }
    }

    private static TransitionStart Start(SeededTransition t, WorkflowSettings settings) => new(
        t.Id, settings,
        new TransitionMessage(
            Guid.NewGuid().ToString("N"), MessageType.AdmissionNotice, t.CreatedAt, t.CreatedAt, $"pseudonym-{t.EpisodeId}", t.Municipality.Code, t.Ward,
            CareType.Somatic, DateOnly.FromDateTime(t.CreatedAt.AddDays(5).UtcDateTime), [Need.HomeCare, Need.HomeHealthCare], t.Reference));

    /// <summary>The custom status after the ward's ready-for-discharge message and the units' notifications.</summary>
    public static TransitionStatus Status(SeededTransition t, WorkflowSettings settings)
    {
        var admitted = t.CreatedAt;
        var ready = t.Phase == TransitionPhase.Admitted ? (DateTimeOffset?)null : admitted.AddDays(3);
        var notified = ready ?? admitted.AddMinutes(1);
        var discharged = t.Phase == TransitionPhase.Discharged ? admitted.AddDays(5) : (DateTimeOffset?)null;
        var units = t.Units.Select((u, i) => new UnitStatus(
            u.Id, u.Type, u.Name, notified, notified.AddHours(4), null, notified.AddHours(8), null, null,
            i == 0 || t.Phase == TransitionPhase.Discharged ? notified.AddMinutes(30 + (i * 17)) : null,
            i == 0 || t.Phase == TransitionPhase.Discharged ? "Personal på enheten" : null, null)).ToList();
        var deadlines = new TransitionDeadlines(
            admitted, admitted.AddMinutes(1), admitted.AddHours(24), false, ready, SipRequired: true,
            ready is { } r ? DateOnly.FromDateTime(r.AddDays(3).UtcDateTime) : null, null, settings.PaymentRule.Name,
            ready is { } p ? DateOnly.FromDateTime(p.AddDays(3).UtcDateTime) : null, 0, discharged);
        return new TransitionStatus(
            t.Phase, t.Municipality.Code, t.Ward, CareType.Somatic, [Need.HomeCare, Need.HomeHealthCare],
            DateOnly.FromDateTime(admitted.AddDays(5).UtcDateTime), deadlines, units, t.Reference);
    }
}
