using CareTransitions.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace CareTransitions.Tests.EndToEnd;

/// <summary>The service process started on a durable store it cannot open: it says so in one line and stops.</summary>
public sealed class IncompatibleStoreTests
{
    [Fact]
    public async Task An_old_engine_durable_db_stops_the_start_with_one_line_on_stderr_and_exit_code_2()
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("ct-old-store-").FullName;
        var durableDb = Path.Combine(directory, "durable.db");
        try
        {
            // The home-made engine's file: its migrations table, none of the backend's.
            Execute(durableDb, "CREATE TABLE SchemaVersions (Version INTEGER PRIMARY KEY, AppliedAt TEXT NOT NULL); INSERT INTO SchemaVersions VALUES (1, '2025-01-01');");

            var (exitCode, standardOutput, standardError) = await ServiceProcess.RunToExitAsync(
                ServiceHost.Arguments(FreePort.Next(), directory, smtpPort: FreePort.Next()), TimeSpan.FromSeconds(60));

            Assert.Equal(2, exitCode);
            var line = Assert.Single(standardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            Assert.StartsWith($"care-transitions: {durableDb} ", line, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", standardOutput + standardError, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", standardOutput, StringComparison.Ordinal);
            // Refused, not half-migrated: the file still holds only the old engine's table.
            Assert.Equal<string>(["SchemaVersions"], Tables(durableDb));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            System.IO.Directory.Delete(directory, recursive: true);
        }
    }

    private static void Execute(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static List<string> Tables(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
        using var reader = command.ExecuteReader();
        var tables = new List<string>();
        while (reader.Read())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }
}
