using CareTransitions.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace CareTransitions.Tests.EndToEnd;

/// <summary>The service process started on a store it cannot use: it says so in one line and stops.</summary>
public sealed class IncompatibleStoreTests
{
    /// <summary>Each store on each provider.</summary>
    public static TheoryData<string, string> Stores => new()
    {
        { "app store", TestStore.Sqlite },
        { "app store", TestStore.Postgres },
        { "statistics store", TestStore.Sqlite },
        { "statistics store", TestStore.Postgres },
        { "durable store", TestStore.Sqlite },
        { "durable store", TestStore.Postgres },
    };

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_store_a_newer_release_migrated_stops_the_start_with_one_line_on_stderr_and_exit_code_3(string store, string provider)
    {
        await using var data = await TestStore.CreateAsync(provider);
        var directory = System.IO.Directory.CreateTempSubdirectory("ct-newer-store-").FullName;
        try
        {
            var newer = await NewerReleaseMigratedAsync(store, data, directory);

            var (exitCode, standardOutput, standardError) = await ServiceProcess.RunToExitAsync(
                ServiceHost.Arguments(data, FreePort.Next(), directory, smtpPort: FreePort.Next()), TimeSpan.FromSeconds(60));

            Assert.Equal(3, exitCode);
            var line = Assert.Single(standardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            Assert.StartsWith($"care-transitions: the {store} ({(provider == TestStore.Sqlite ? Path.Combine(directory, newer.File) : "PostgreSQL ")}", line, StringComparison.Ordinal);
            Assert.Contains(" has schema version 99, newer than this release knows (", line, StringComparison.Ordinal);
            Assert.EndsWith("or restore a backup taken before that release migrated it.", line, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", standardOutput + standardError, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", standardOutput, StringComparison.Ordinal);
            // Refused, not half-migrated: the store still holds only the newer release's version table.
            Assert.Equal<string>([newer.VersionTable], provider == TestStore.Sqlite
                ? Tables(Path.Combine(directory, newer.File))
                : [await data.QueryAsync<string>($"SELECT string_agg(table_name, ',') FROM information_schema.tables WHERE table_schema = '{newer.Schema}'") ?? ""]);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            System.IO.Directory.Delete(directory, recursive: true);
        }
    }

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

    /// <summary>A store as a newer release leaves it: its version table at version 99 (the rest does not matter here).</summary>
    private static async Task<(string File, string Schema, string VersionTable)> NewerReleaseMigratedAsync(string store, TestStore data, string directory)
    {
        var (file, schema, table, columns) = store switch
        {
            "app store" => ("app.db", "app", "schema_versions", "version integer PRIMARY KEY, applied_at text NOT NULL"),
            "statistics store" => ("statistics.db", "statistics", "schema_versions", "version integer PRIMARY KEY, applied_at text NOT NULL"),
            _ => ("durable.db", "durable", data.Provider == TestStore.Sqlite ? "BackendSchemaVersions" : "schema_versions", "version integer PRIMARY KEY, applied_at bigint NOT NULL"),
        };
        if (data.Provider == TestStore.Sqlite)
        {
            Execute(Path.Combine(directory, file), $"CREATE TABLE {table} ({columns}); INSERT INTO {table} VALUES (99, '0');");
        }
        else
        {
            await data.QueryAsync<int>($"CREATE SCHEMA {schema}; CREATE TABLE {schema}.{table} ({columns}); INSERT INTO {schema}.{table} VALUES (99, '0'); SELECT 1");
        }

        return (file, schema, table);
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
