using CareTransitions.Functions.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;

namespace CareTransitions.Functions.Tests;

/// <summary>
/// The compiled Functions app started on a store a newer release migrated: it migrates its stores as the worker
/// starts, before it connects to the Functions host, and stops with one line and exit code 3. The host's address is a
/// closed port here: the worker never gets as far as calling it.
/// </summary>
public sealed class StoresAtStartTests
{
    [Theory]
    [InlineData("app store", "app.db")]
    [InlineData("statistics store", "statistics.db")]
    public async Task A_store_a_newer_release_migrated_stops_the_app_with_one_line_and_exit_code_3(string store, string file)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("ct-func-stores-").FullName;
        var path = Path.Combine(directory, file);
        try
        {
            using (var connection = new SqliteConnection($"Data Source={path};Pooling=false"))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = "CREATE TABLE schema_versions (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL); INSERT INTO schema_versions VALUES (99, '2027-01-01');";
                command.ExecuteNonQuery();
            }

            // Development: the app keeps its data in SQLite files there (elsewhere it requires PostgreSQL).
            var (exitCode, standardOutput, standardError) = await FunctionsAppProcess.RunToExitAsync(
                Environments.Development, $"--Storage:Directory={directory}", "--Functions:Worker:HostEndpoint=http://127.0.0.1:9");

            Assert.Equal(3, exitCode);
            var line = Assert.Single(standardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            Assert.StartsWith($"care-transitions-functions: the {store} ({path}) has schema version 99, newer than this release knows (", line, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", standardOutput + standardError, StringComparison.Ordinal);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            System.IO.Directory.Delete(directory, recursive: true);
        }
    }
}
