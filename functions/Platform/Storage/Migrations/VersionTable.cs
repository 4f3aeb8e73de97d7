namespace Platform.Storage.Migrations;

/// <summary>
/// Where a store records the migrations it has run: one row per version, the version in the first column (named
/// <c>version</c>, in any case) and the time it was applied in the second.
/// </summary>
/// <param name="Name">The table, schema-qualified on PostgreSQL (<c>app.schema_versions</c>).</param>
/// <param name="Columns">Its column definitions as the store has always created them, e.g. <c>version integer PRIMARY KEY, applied_at bigint NOT NULL</c>.</param>
/// <param name="AppliedAt">How the second column holds a time.</param>
public sealed record VersionTable(string Name, string Columns, AppliedAtFormat AppliedAt);

/// <summary>How a <see cref="VersionTable"/> holds the time a version was applied.</summary>
public enum AppliedAtFormat
{
    /// <summary>Unix milliseconds (<c>INTEGER</c>, <c>bigint</c>), like the durable stores' other times.</summary>
    UnixMilliseconds,

    /// <summary>A timestamp (<c>timestamptz</c> on PostgreSQL, ISO 8601 text on SQLite), like the app's other times.</summary>
    Timestamp,
}
