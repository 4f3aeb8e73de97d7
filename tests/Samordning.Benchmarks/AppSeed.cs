using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Samordning.Benchmarks;

/// <summary>
/// Writes each transition's row in the app store (<c>app.db</c>, table <c>handover_transitions</c>) as intake and the
/// outcome leave it: its reference, the municipality it was sent to and the sending ward (schema 0006), and for the
/// finished ones the time it ended. The work list asks this table which open transitions a coordinator may see.
/// </summary>
internal static class AppSeed
{
    public static void Write(string databasePath, IReadOnlyList<SeededTransition> transitions)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText =
            """
            INSERT INTO handover_transitions (transition_id, reference, created_at, ended_at, municipality_code, ward_hsa_id)
            VALUES ($id, $reference, $created, $ended, $municipality, $ward)
            """;
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        var reference = insert.Parameters.Add("$reference", SqliteType.Text);
        var created = insert.Parameters.Add("$created", SqliteType.Text);
        var ended = insert.Parameters.Add("$ended", SqliteType.Text);
        var municipality = insert.Parameters.Add("$municipality", SqliteType.Text);
        var ward = insert.Parameters.Add("$ward", SqliteType.Text);
        foreach (var t in transitions)
        {
            id.Value = t.Id;
            reference.Value = t.Reference;
            // As the service writes times in SQLite: round-trip UTC text.
            created.Value = Time(t.CreatedAt);
            ended.Value = t.Open ? DBNull.Value : Time(t.CreatedAt.AddHours(20));
            municipality.Value = t.Municipality.Code;
            ward.Value = t.Ward.HsaId;
            insert.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
}
