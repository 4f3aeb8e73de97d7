using Platform.Storage.Migrations;

namespace CareTransitions.Storage;

/// <summary>
/// The app data's tables, one numbered script per provider and version (Schema/Sqlite, Schema/Postgres), applied by
/// Platform's <see cref="SchemaMigrator"/>. Versions are recorded in <c>schema_versions</c> (in app.db, or the
/// PostgreSQL schema <c>app</c>); on SQLite earlier releases counted them in <c>PRAGMA user_version</c>, which the
/// migrator carries on from and keeps in step (version 1 is what every earlier app.db already holds).
/// </summary>
internal static class AppSchema
{
    public const string PostgresSchema = "app";

    /// <summary>The store as messages and readiness name it.</summary>
    public const string StoreName = "app store";

    /// <summary>hashtext('care-transitions app schema'): the key earlier releases locked, so instances of both take turns.</summary>
    internal const long PostgresMigrationLock = -1656072240;

    // IMPORTANT: append only. A script that has shipped never changes; a change is the next number.
    private static readonly StoreSchema Sqlite = StoreSchema.ForSqlite(
        StoreName,
        SchemaScript.Embedded(typeof(AppSchema).Assembly, "schema/app/sqlite"),
        new VersionTable("schema_versions", "version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL", AppliedAtFormat.Timestamp),
        keepsUserVersion: true);

    private static readonly StoreSchema Postgres = StoreSchema.ForPostgres(
        StoreName,
        SchemaScript.Embedded(typeof(AppSchema).Assembly, "schema/app/postgres"),
        PostgresSchema,
        new VersionTable($"{PostgresSchema}.schema_versions", "version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now()", AppliedAtFormat.Timestamp),
        PostgresMigrationLock);

    /// <summary>The store's schema on <paramref name="provider"/>.</summary>
    public static StoreSchema For(StorageProvider provider) => provider == StorageProvider.Postgres ? Postgres : Sqlite;
}
