using System.Globalization;
using CareTransitions.Handover;
using CareTransitions.Handover.Workspace;
using Microsoft.Data.Sqlite;

namespace Handover.Benchmarks;

/// <summary>
/// Writes what the handover page reads from the app store (<c>app.db</c>, schema 0003_handover.sql and 0004_access_log.sql,
/// migrated by the service's first start): each transition's reference, one or two sealed handover versions, a few sealed
/// conversation messages (sealed by the library's <see cref="PersonalDataCipher"/> under the service's key, as
/// <see cref="HandoverStore"/> and <see cref="ConversationStore"/> seal them), and <paramref name="viewsPerTransition"/>
/// access-log rows each, appended in time order as the log grows. Raw batched SQL, one transaction per 10 000 rows.
/// </summary>
internal static class AppStoreSeed
{
    private const int Batch = 10_000;

    public static (long Versions, long Messages, long AccessLogRows) Write(
        string databasePath, IReadOnlyList<SeededTransition> transitions, PersonalDataCipher cipher, int viewsPerTransition, DateTimeOffset now, int seed = 2)
    {
        var random = new Random(seed);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        connection.Open();
        Execute(connection, null, "PRAGMA synchronous = OFF");
        long versions = 0, messages = 0;
        foreach (var chunk in transitions.Chunk(Batch / 4))
        {
            using var transaction = connection.BeginTransaction();
            using var reference = Command(connection, transaction,
                "INSERT INTO handover_transitions (transition_id, reference, created_at) VALUES ($1, $2, $3)");
            using var version = Command(connection, transaction,
                "INSERT INTO handover_versions (transition_id, version, message_id, recorded_at, key_id, sealed) VALUES ($1, $2, $3, $4, $5, $6)");
            using var message = Command(connection, transaction,
                "INSERT INTO handover_messages (transition_id, posted_at, party, key_id, sealed) VALUES ($1, $2, $3, $4, $5)");
            foreach (var t in chunk)
            {
                Run(reference, t.Id, t.Reference, Time(t.CreatedAt));
                var count = random.Next(1, 3);
                for (var v = 1; v <= count; v++)
                {
                    var sealedData = cipher.Seal(HandoverStore.Kind, t.Id, HandoverJson.Serialize(Information(t, v, random)));
                    Run(version, t.Id, v, Guid.NewGuid().ToString("N"), Time(t.CreatedAt.AddDays(v - 1)), sealedData.KeyId, sealedData.Bytes);
                    versions++;
                }

                var parties = t.Units.Select(u => (u.HsaId, u.Name)).Prepend((t.Ward.HsaId, t.Ward.Name)).ToList();
                var posts = random.Next(0, 5);
                for (var m = 0; m < posts; m++)
                {
                    var (hsaId, name) = parties[random.Next(parties.Count)];
                    var author = random.Next(1, 2000);
                    var entry = new ConversationEntry($"Personal {author}", StaffHsaId(author), name,
                        "Patienten behöver hjälp med morgon- och kvällsrutiner. Kan ni bekräfta att hemtjänsten är på plats till utskrivningsdagen?");
                    var sealedData = cipher.Seal(ConversationStore.Kind, t.Id, HandoverJson.Serialize(entry));
                    Run(message, t.Id, Time(t.CreatedAt.AddHours(2 + (m * 5))), hsaId, sealedData.KeyId, sealedData.Bytes);
                    messages++;
                }
            }
            transaction.Commit();
        }

        return (versions, messages, WriteAccessLog(connection, transitions, viewsPerTransition, now, random));
    }

    // Views within three weeks of each transition's start, by staff of its ward and units, appended in time order.
    private static long WriteAccessLog(SqliteConnection connection, IReadOnlyList<SeededTransition> transitions, int viewsPerTransition, DateTimeOffset now, Random random)
    {
        var views = new List<(long At, int Transition, int Person, byte Party, bool Refused)>(transitions.Count * viewsPerTransition);
        for (var i = 0; i < transitions.Count; i++)
        {
            var created = transitions[i].CreatedAt;
            var span = Math.Min((now - created).Ticks, TimeSpan.FromDays(21).Ticks);
            for (var v = 0; v < viewsPerTransition; v++)
            {
                views.Add((created.Ticks + random.NextInt64(span), i, random.Next(1, 2000), (byte)random.Next(4), random.Next(50) == 0));
            }
        }
        views.Sort((a, b) => a.At.CompareTo(b.At));

        foreach (var chunk in views.Chunk(Batch))
        {
            using var transaction = connection.BeginTransaction();
            using var insert = Command(connection, transaction,
                "INSERT INTO access_log (at, person_hsa_id, person_name, unit_hsa_id, transition_id, reference, what, outcome) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)");
            foreach (var view in chunk)
            {
                var t = transitions[view.Transition];
                var party = view.Party < t.Units.Count ? t.Units[view.Party].HsaId : t.Ward.HsaId;
                Run(insert,
                    Time(new DateTimeOffset(view.At, TimeSpan.Zero)), StaffHsaId(view.Person), $"Personal {view.Person}", view.Refused ? null : party, t.Id, t.Reference,
                    view.Refused ? $"försök: {HandoverWorkspace.ShownWhat}" : HandoverWorkspace.ShownWhat, view.Refused ? "nekad" : "visad");
            }
            transaction.Commit();
        }

        return views.Count;
    }

    private static HandoverInformation Information(SeededTransition t, int version, Random random) => new(
        $"19{random.Next(20, 60)}{random.Next(1, 13):00}{random.Next(1, 29):00}-{random.Next(1000, 9999)}", $"Testperson {t.EpisodeId}",
        new HandoverPlan(
            new WardContact(new ContactPath("Sjuksköterska dag", "010-123 45 67"), new ContactPath("Sjuksköterska natt", "010-123 45 68"), "avdelning@sjukhus.example.se"),
            version == 1 ? "Planeras hem med hemtjänst fyra gånger per dag." : "Planeras hem med hemtjänst fyra gånger per dag. Trygghetslarm behövs före hemgång.",
            new RehabilitationNeeds("Bedömning av hemmiljön före hemgång.", "Gångträning med rollator två gånger dagligen."),
            [new AssistiveDevice("Rollator", AssistiveDeviceState.Prescribed, "Kommunens rehab"), new AssistiveDevice("Duschpall", AssistiveDeviceState.Needed, "Kommunens rehab")],
            [new NextOfKin("Anhörig Exempelsson", "Dotter", "070-123 45 67")]));

    private static string StaffHsaId(int person) => $"SE2321000131-P{person:000000000000}";

    // As the app store writes times on SQLite (SqlExtensions): ISO 8601 round-trip, UTC.
    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static void Run(SqliteCommand command, params object?[] values)
    {
        if (command.Parameters.Count == 0)
        {
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters.Add(new SqliteParameter($"${i + 1}", null));
            }
        }
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
        command.ExecuteNonQuery();
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
