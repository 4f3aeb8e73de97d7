using System.Globalization;
using Microsoft.Data.Sqlite;
using Platform.Storage.Migrations;

namespace Durable.Backend.Storage.Sqlite;

/// <summary>
/// The backend's tables, after durabletask-mssql: Instances, NewEvents (messages, with a visible-at time for
/// timers), History, NewTasks (activity work) and PoisonMessages (Schema/*.sql). Events are stored as the protocol's
/// own protobuf bytes. Versioned in BackendSchemaVersions by Platform's <see cref="SchemaMigrator"/>.
/// </summary>
internal static class SqliteBackendSchema
{
    // IMPORTANT: never edit a script that has shipped; add the next number.
    public static readonly StoreSchema Schema = StoreSchema.ForSqlite(
        "durable store",
        SchemaScript.Embedded(typeof(SqliteBackendSchema).Assembly, "schema/durable/sqlite"),
        new VersionTable("BackendSchemaVersions", "Version INTEGER PRIMARY KEY, AppliedAt INTEGER NOT NULL", AppliedAtFormat.UnixMilliseconds));

    public static int LatestVersion => Schema.LatestVersion;

    /// <summary>Settings every connection needs: WAL and durable commits (a committed step survives power loss).</summary>
    public static void ConfigureConnection(SqliteConnection connection, bool writer)
    {
        using var command = connection.CreateCommand();
        command.CommandText = writer
            ? "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = OFF;"
            : "PRAGMA busy_timeout = 10000;";
        command.ExecuteNonQuery();
    }

    /// <summary>Brings the file up to the latest schema version; refuses a file it cannot read.</summary>
    /// <exception cref="IncompatibleStoreException">The file belongs to the engine before the move to the Durable Task SDK.</exception>
    /// <exception cref="SchemaTooNewException">The file has a newer backend's schema.</exception>
    public static void Migrate(SqliteConnection connection, string path)
    {
        if (TableExists(connection, "SchemaVersions") && !TableExists(connection, Schema.Versions.Name))
        {
            throw new IncompatibleStoreException(
                $"{path} was written by the engine before the move to the Durable Task SDK and cannot be read by this backend: " +
                "let its transitions finish on the previous release, or move the file aside to start with an empty store.");
        }

        // Synchronous underneath: Microsoft.Data.Sqlite's async methods complete before they return.
        SchemaMigrator.MigrateAsync(connection, Schema, CancellationToken.None).GetAwaiter().GetResult();
    }

    private static bool TableExists(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $n";
        command.Parameters.AddWithValue("$n", name);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }
}
