using System.Text;
using System.Text.Json;
using CareTransitions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CareTransitions.Tests.EndToEnd.Handover;

/// <summary>
/// What a ward sends about a patient is readable on the handover page and nowhere else: the stores' bytes (SQLite files
/// with their write-ahead logs, every PostgreSQL table of the service) hold no name, personnummer or planning text, while
/// the reference, which the durable history carries, is found there (so the search itself works). A new plan is told to
/// the units as "ny information", without its content.
/// </summary>
public sealed class PersonalDataAtRestTests(HandoverFixture fixture) : IClassFixture<HandoverFixture>
{
    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task The_stores_hold_no_name_personnummer_or_plan_in_readable_form(string provider)
    {
        var (service, store) = await fixture.ServiceAsync(provider);
        var notes = $"Planering {Guid.NewGuid():N} med insulin kl 08";
        var updated = $"Ny planering {Guid.NewGuid():N}: hemtjänst tre gånger dagligen";
        var episode = TestMessages.NewEpisode();
        var id = await service.SubmitAsync(TestMessages.WithHandover(TestMessages.Create("ReadyForDischarge", episode, needs: ["HomeHealthCare"]), notes));
        var reference = (await service.WaitForAsync(id, t => ServiceHost.Units(t).Any(u => u.GetProperty("notifiedAt").ValueKind == JsonValueKind.String)))
            .GetProperty("reference").GetString()!;
        Assert.Equal(id, await service.SubmitAsync(TestMessages.WithHandover(TestMessages.Create("PlanningUpdated", episode, needs: []), updated)));

        var update = (await fixture.Mail.WaitForAsync(m => m.Subject.StartsWith("Ny planeringsinformation", StringComparison.Ordinal) && m.Subject.EndsWith(reference, StringComparison.Ordinal), 1))[0];
        Assert.Contains("Planeringsinformation: Avdelningen har skickat ny information", update.Text, StringComparison.Ordinal);
        HandoverBrowserTests.AssertNoPersonalData(update.Subject + update.Text + update.Html, notes, updated);
        var versions = await service.Services.GetRequiredService<CareTransitions.Handover.HandoverStore>().HistoryAsync(id, default);
        Assert.Equal([1, 2], versions.Select(v => v.Version));
        Assert.Equal(updated, versions[^1].Information.Plan!.PlanningNotes);

        var stored = provider == TestStore.Sqlite ? SqliteBytes(service.Directory) : await PostgresTextAsync(store);
        Assert.Contains(reference, stored, StringComparison.Ordinal);
        Assert.Contains(id, stored, StringComparison.Ordinal);
        HandoverBrowserTests.AssertNoPersonalData(stored, notes, updated, "Gångträning", "010-123 45 99");
    }

    /// <summary>Every file of the service's storage folder, as bytes read as UTF-8 (where SQLite keeps its text).</summary>
    private static string SqliteBytes(string directory)
    {
        var files = System.IO.Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Where(f => !f.Contains("mail-pickup", StringComparison.Ordinal) && !f.EndsWith(".lock", StringComparison.Ordinal)).ToList();
        Assert.Contains(files, f => f.EndsWith("app.db", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith("durable.db", StringComparison.Ordinal));
        var text = new StringBuilder();
        foreach (var file in files)
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            text.Append(Encoding.UTF8.GetString(copy.ToArray()));
        }

        return text.ToString();
    }

    /// <summary>Every row of every table in the database's service schemas, as PostgreSQL prints it.</summary>
    private static async Task<string> PostgresTextAsync(TestStore store)
    {
        await using var connection = new NpgsqlConnection(store.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_type = 'BASE TABLE'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.Contains("app.handover_versions", tables);
        var text = new StringBuilder();
        foreach (var table in tables)
        {
            // Byte columns print as hex; encode(...) is not needed, since sealed bytes are not text anyway.
            await using var rows = new NpgsqlCommand($"SELECT t::text FROM {table} t", connection);
            await using var reader = await rows.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                text.AppendLine(reader.GetString(0));
            }
        }

        return text.ToString();
    }
}
