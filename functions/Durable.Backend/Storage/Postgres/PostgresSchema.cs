using Npgsql;
using Platform.Storage.Migrations;

namespace Durable.Backend.Storage.Postgres;

/// <summary>
/// The backend's tables in their own schema <c>durable</c>, the same as the SQLite store's: instances, new_events
/// (messages, with a visible-at time for timers), history, new_tasks (activity work) and poison_messages (Schema/*.sql).
/// Events are the protocol's protobuf bytes (<c>bytea</c>); times are Unix milliseconds (<c>bigint</c>), like SQLite's.
/// Versioned in durable.schema_versions by Platform's <see cref="SchemaMigrator"/>, under an advisory lock, so
/// backends starting at the same time migrate one after the other.
/// </summary>
internal static class PostgresSchema
{
    public const string Name = "durable";

    /// <summary>The SQLSTATE <c>durable.require_lease</c> raises (class DL is not PostgreSQL's own; Schema/0002_require_lease.sql).</summary>
    public const string LeaseLostState = "DL001";

    /// <summary>The advisory lock key of migrations (any constant; "durable" in ASCII).</summary>
    private const long MigrationLock = 0x64757261626C65;

    // IMPORTANT: never edit a script that has shipped; add the next number.
    public static readonly StoreSchema Schema = StoreSchema.ForPostgres(
        "durable store",
        SchemaScript.Embedded(typeof(PostgresSchema).Assembly, "schema/durable/postgres"),
        Name,
        new VersionTable($"{Name}.schema_versions", "version integer PRIMARY KEY, applied_at bigint NOT NULL", AppliedAtFormat.UnixMilliseconds),
        MigrationLock);

    public static int LatestVersion => Schema.LatestVersion;

    /// <summary>Brings the database up to the latest schema version, one backend at a time.</summary>
    /// <exception cref="SchemaTooNewException">The database has a newer backend's schema.</exception>
    public static async Task MigrateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await SchemaMigrator.MigrateAsync(connection, Schema, cancellationToken);
    }
}
