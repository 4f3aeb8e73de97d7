namespace Platform.Storage.Migrations;

/// <summary>
/// One store's schema on one provider, as <see cref="SchemaMigrator"/> applies it: the numbered scripts, the table
/// that records which have run, and what else that provider needs (the PostgreSQL schema and advisory lock key).
/// </summary>
public sealed class StoreSchema
{
    private StoreSchema(string name, IReadOnlyList<SchemaScript> scripts, VersionTable versions)
    {
        this.Name = name;
        this.Scripts = scripts;
        this.Versions = versions;
    }

    /// <summary>The store as messages name it, e.g. <c>app store</c>.</summary>
    public string Name { get; }

    /// <summary>The migrations in version order.</summary>
    public IReadOnlyList<SchemaScript> Scripts { get; }

    /// <summary>Where the store records its version.</summary>
    public VersionTable Versions { get; }

    /// <summary>The version this release migrates the store to.</summary>
    public int LatestVersion => this.Scripts.Count;

    internal bool IsPostgres { get; private init; }

    /// <summary>PostgreSQL: the schema the store's tables live in, created before the first script.</summary>
    internal string? PostgresSchema { get; private init; }

    /// <summary>PostgreSQL: the <c>pg_advisory_xact_lock</c> key migrations of this store take turns on.</summary>
    internal long AdvisoryLockKey { get; private init; }

    /// <summary>SQLite: earlier releases counted versions in <c>PRAGMA user_version</c>.</summary>
    internal bool KeepsUserVersion { get; private init; }

    /// <summary>A store in a SQLite file; the file's write lock (<c>BEGIN IMMEDIATE</c>) makes migrations take turns.</summary>
    /// <param name="name">The store as messages name it.</param>
    /// <param name="scripts">Its migrations (<see cref="SchemaScript.Embedded"/>).</param>
    /// <param name="versions">Its version table.</param>
    /// <param name="keepsUserVersion">
    /// Earlier releases counted this store's versions in <c>PRAGMA user_version</c>: the migrator carries on from it when
    /// the version table is missing, and keeps it equal to the table, so such a release still refuses a newer schema.
    /// </param>
    public static StoreSchema ForSqlite(string name, IReadOnlyList<SchemaScript> scripts, VersionTable versions, bool keepsUserVersion = false) =>
        new(name, scripts, versions) { KeepsUserVersion = keepsUserVersion };

    /// <summary>A store in a schema of a PostgreSQL database, shared by any number of processes.</summary>
    /// <param name="name">The store as messages name it.</param>
    /// <param name="scripts">Its migrations (<see cref="SchemaScript.Embedded"/>).</param>
    /// <param name="schema">The PostgreSQL schema its tables live in.</param>
    /// <param name="versions">Its version table, in that schema.</param>
    /// <param name="advisoryLockKey">The store's own <c>pg_advisory_xact_lock</c> key: processes starting together migrate one after the other.</param>
    public static StoreSchema ForPostgres(string name, IReadOnlyList<SchemaScript> scripts, string schema, VersionTable versions, long advisoryLockKey) =>
        new(name, scripts, versions) { IsPostgres = true, PostgresSchema = schema, AdvisoryLockKey = advisoryLockKey };
}
