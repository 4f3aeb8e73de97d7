using System.Diagnostics;
using Durable.Backend.Hosting;
using Durable.Backend.Storage.Postgres;
using Durable.Backend.Storage.Sqlite;
using Durable.Backend.Tests.SharedDatabase;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.Storage.Migrations;
using Testing.Storage;

namespace Durable.Backend.Tests.Storage;

/// <summary>The durable stores' schemas: a store an earlier backend wrote opens with its data, a newer one is refused.</summary>
public sealed class BackendSchemaTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("durable-schema-").FullName;

    [Fact]
    public async Task A_durable_db_an_earlier_backend_wrote_opens_with_its_data_and_the_schema_of_a_fresh_one()
    {
        var earlier = Path.Combine(this.folder, "earlier.db");
        // What earlier backends left: their version table (created the same way), version 1's tables and row, an instance.
        Execute(earlier, "CREATE TABLE IF NOT EXISTS BackendSchemaVersions (Version INTEGER PRIMARY KEY, AppliedAt INTEGER NOT NULL);"
            + SqliteBackendSchema.Schema.Scripts[0].Sql
            + "INSERT INTO BackendSchemaVersions VALUES (1, 0);"
            + "INSERT INTO Instances (InstanceId, ExecutionId, Name, RuntimeStatus, CreatedAt, LastUpdatedAt) VALUES ('kept', 'e1', 'Orchestrator', 'Running', 0, 0);");

        await (await OpenSqliteAsync(earlier)).DisposeAsync();
        var fresh = Path.Combine(this.folder, "fresh.db");
        await (await OpenSqliteAsync(fresh)).DisposeAsync();

        var schema = await SchemaSnapshot.OfSqliteAsync(fresh);
        Assert.Contains("CREATE TABLE PoisonMessages", schema, StringComparison.Ordinal);
        Assert.Equal(schema, await SchemaSnapshot.OfSqliteAsync(earlier));
        Assert.Equal(1L, Scalar(earlier, "SELECT COUNT(*) FROM Instances WHERE InstanceId = 'kept'"));
        Assert.Equal(1L, Scalar(earlier, "SELECT COUNT(*) FROM BackendSchemaVersions"));
    }

    [Fact]
    public async Task A_durable_db_of_a_newer_backend_is_refused_naming_the_file_and_left_as_it_was()
    {
        var path = Path.Combine(this.folder, "durable.db");
        await (await OpenSqliteAsync(path)).DisposeAsync();
        Execute(path, "INSERT INTO BackendSchemaVersions VALUES (99, 0)");

        var refused = await Assert.ThrowsAsync<SchemaTooNewException>(() => OpenSqliteAsync(path));

        Assert.Equal($"the durable store ({path}) has schema version 99, newer than this release knows ({SqliteBackendSchema.LatestVersion}): "
            + "run the release that migrated it (or a newer one), or restore a backup taken before that release migrated it.", refused.Message);
        Assert.Equal(2L, Scalar(path, "SELECT COUNT(*) FROM BackendSchemaVersions"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task A_database_an_earlier_backend_migrated_carries_on_to_the_schema_of_a_fresh_one(int version)
    {
        await using var earlier = await SharedHost.NewDatabaseAsync();
        // What earlier backends left: schema durable, their version table, the scripts up to `version`, one row each.
        await SharedHost.CountAsync(earlier,
            "CREATE SCHEMA durable; CREATE TABLE durable.schema_versions (version integer PRIMARY KEY, applied_at bigint NOT NULL);"
            + string.Concat(PostgresSchema.Schema.Scripts.Take(version).Select(s => s.Sql + $"INSERT INTO durable.schema_versions VALUES ({s.Version}, 0);"))
            + "SELECT 1");
        await using var fresh = await SharedHost.NewDatabaseAsync();

        await OpenPostgres(earlier.ConnectionString).DisposeAsync();
        await OpenPostgres(fresh.ConnectionString).DisposeAsync();

        var schema = await SchemaSnapshot.OfPostgresAsync(fresh.ConnectionString, "durable");
        Assert.Contains("require_lease", schema, StringComparison.Ordinal);
        Assert.Contains("instances | r | fillfactor=80", schema, StringComparison.Ordinal);
        Assert.Equal(schema, await SchemaSnapshot.OfPostgresAsync(earlier.ConnectionString, "durable"));
        Assert.Equal(PostgresSchema.LatestVersion, await SharedHost.CountAsync(earlier, "SELECT MAX(version) FROM durable.schema_versions"));
    }

    [Fact]
    public async Task The_backend_server_on_a_durable_db_of_a_newer_backend_exits_with_one_line_and_code_3()
    {
        var path = Path.Combine(this.folder, "durable.db");
        Execute(path, "CREATE TABLE BackendSchemaVersions (Version INTEGER PRIMARY KEY, AppliedAt INTEGER NOT NULL); INSERT INTO BackendSchemaVersions VALUES (99, 0);");

        var (exitCode, line) = await RunServerToExitAsync("--data", this.folder);

        Assert.Equal(3, exitCode);
        Assert.StartsWith($"durable-backend: the durable store ({path}) has schema version 99, newer than this release knows (", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_backend_server_on_a_database_of_a_newer_backend_exits_with_one_line_and_code_3()
    {
        await using var database = await SharedHost.NewDatabaseAsync();
        await SharedHost.CountAsync(database, "CREATE SCHEMA durable; CREATE TABLE durable.schema_versions (version integer PRIMARY KEY, applied_at bigint NOT NULL); INSERT INTO durable.schema_versions VALUES (99, 0); SELECT 1");

        var (exitCode, line) = await RunServerToExitAsync("--postgres", database.ConnectionString);

        Assert.Equal(3, exitCode);
        Assert.StartsWith("durable-backend: the durable store (PostgreSQL ", line, StringComparison.Ordinal);
        Assert.Contains(", schema durable) has schema version 99, newer than this release knows (", line, StringComparison.Ordinal);
    }

    [Fact]
    public void The_lease_check_raises_the_state_the_commit_recognises() =>
        Assert.Contains($"ERRCODE = '{PostgresSchema.LeaseLostState}'", PostgresSchema.Schema.Scripts[1].Sql, StringComparison.Ordinal);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(this.folder, recursive: true);
    }

    /// <summary>The backend server process on a store; its exit code and the one line it wrote on stderr.</summary>
    private static async Task<(int ExitCode, string Line)> RunServerToExitAsync(string storeOption, string store)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "durable-backend.dll"), "--urls", "http://127.0.0.1:0", storeOption, store })
        {
            start.ArgumentList.Add(argument);
        }

        using var server = Process.Start(start)!;
        var output = server.StandardOutput.ReadToEndAsync();
        var error = server.StandardError.ReadToEndAsync();
        await server.WaitForExitAsync().WaitAsync(Waits.Deadline);
        Assert.DoesNotContain(" at ", await output, StringComparison.Ordinal);
        return (server.ExitCode, Assert.Single((await error).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
    }

    private static Task<SqliteBackendStore> OpenSqliteAsync(string path) =>
        Task.Run(() => SqliteBackendStore.Open(new DurableBackendOptions { DatabasePath = path }, TimeProvider.System, NullLoggerFactory.Instance));

    private static PostgresBackendStore OpenPostgres(string connectionString) =>
        PostgresBackendStore.Open(new DurableBackendOptions { Provider = "Postgres", PostgresConnectionString = connectionString }, TimeProvider.System, NullLoggerFactory.Instance);

    private static void Execute(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static long Scalar(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
