using Platform.Storage.Migrations;

namespace Dashboard.Storage;

/// <summary>
/// The statistics tables, one numbered script per provider and version (Schema/Sqlite, Schema/Postgres), applied by
/// Platform's <see cref="SchemaMigrator"/>. Only pseudonymised, non-identifying facts are stored. Versions are
/// recorded in <c>schema_versions</c> (in statistics.db, or the PostgreSQL schema <c>statistics</c>); on SQLite
/// earlier releases counted them in <c>PRAGMA user_version</c>, which the migrator carries on from and keeps in step
/// (version 1 is what every earlier statistics.db holds).
/// </summary>
internal static class StatisticsSchema
{
    public const string PostgresSchema = "statistics";

    /// <summary>The store as messages and readiness name it.</summary>
    public const string StoreName = "statistics store";

    /// <summary>hashtext('care-transitions statistics schema'): the key earlier releases locked, so instances of both take turns.</summary>
    internal const long PostgresMigrationLock = -554643516;

    // IMPORTANT: `seq` is the change sequence the in-memory snapshot refreshes from. Every write
    // transaction takes the next value from `meta` and stamps every row it touches, so a reader that
    // knows the highest seq it has seen can load exactly what changed since, in commit order. On PostgreSQL
    // this is a counter row, not a SEQUENCE: taking it locks the row until commit, so writers commit in seq
    // order. A SEQUENCE hands out numbers before commit, and a reader that saw seq 7 committed could miss a
    // seq 6 that commits a moment later, for good.
    // IMPORTANT: append only. A script that has shipped never changes; a change is the next number.
    private static readonly StoreSchema Sqlite = StoreSchema.ForSqlite(
        StoreName,
        SchemaScript.Embedded(typeof(StatisticsSchema).Assembly, "schema/statistics/sqlite"),
        new VersionTable("schema_versions", "version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL", AppliedAtFormat.Timestamp),
        keepsUserVersion: true);

    private static readonly StoreSchema Postgres = StoreSchema.ForPostgres(
        StoreName,
        SchemaScript.Embedded(typeof(StatisticsSchema).Assembly, "schema/statistics/postgres"),
        PostgresSchema,
        new VersionTable($"{PostgresSchema}.schema_versions", "version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now()", AppliedAtFormat.Timestamp),
        PostgresMigrationLock);

    /// <summary>The store's schema on PostgreSQL or SQLite.</summary>
    public static StoreSchema For(bool postgres) => postgres ? Postgres : Sqlite;
}
