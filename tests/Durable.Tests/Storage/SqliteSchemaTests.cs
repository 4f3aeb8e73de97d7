using Durable.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Durable.Tests.Storage;

public sealed class SqliteSchemaTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("durable-schema-").FullName;

    [Fact]
    public void Migrate_FileAtAnOlderVersion_AppliesOnlyTheMissingMigrations()
    {
        using var connection = this.Open();
        SqliteSchema.Migrate(connection);

        // Roll the file back to version 1 as an older engine left it (index of migration 2 absent).
        Run(connection, "DROP INDEX IX_Instances_LockExpiration; DELETE FROM SchemaVersions WHERE Version > 1");
        Run(connection, "INSERT INTO Instances (InstanceId, ExecutionId, Name, RuntimeStatus, CreatedAt, LastUpdatedAt) VALUES ('kept', 'x', 'N', 'Running', 0, 0)");

        SqliteSchema.Migrate(connection);

        Assert.Equal((long)SqliteSchema.LatestVersion, Scalar(connection, "SELECT MAX(Version) FROM SchemaVersions"));
        Assert.Equal(1L, Scalar(connection, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'IX_Instances_LockExpiration'"));
        Assert.Equal(1L, Scalar(connection, "SELECT COUNT(*) FROM Instances WHERE InstanceId = 'kept'"));
    }

    [Fact]
    public void Migrate_TwiceOnTheSameFile_ChangesNothing()
    {
        using var connection = this.Open();
        SqliteSchema.Migrate(connection);
        SqliteSchema.Migrate(connection);

        Assert.Equal((long)SqliteSchema.LatestVersion, Scalar(connection, "SELECT COUNT(*) FROM SchemaVersions"));
    }

    [Fact]
    public void Migrate_FileFromANewerEngine_RefusesWithAClearReason()
    {
        using var connection = this.Open();
        SqliteSchema.Migrate(connection);
        Run(connection, $"INSERT INTO SchemaVersions (Version, AppliedAt) VALUES ({SqliteSchema.LatestVersion + 1}, 0)");

        var error = Assert.Throws<InvalidOperationException>(() => SqliteSchema.Migrate(connection));
        Assert.Contains("newer than this engine knows", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(this.directory, recursive: true);
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(this.directory, "s.db")}");
        connection.Open();
        return connection;
    }

    private static void Run(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
