using System.Data.Common;
using System.Globalization;

namespace CareTransitions.Storage;

/// <summary>
/// The app data's tables, one script per provider and version. SQLite counts versions in
/// <c>PRAGMA user_version</c> (version 1 is what every earlier app.db already holds); PostgreSQL in
/// <c>app.schema_versions</c>, migrated under a transaction-scoped advisory lock so instances starting
/// together migrate one after the other.
/// </summary>
internal static class AppSchema
{
    public const string PostgresSchema = "app";

    // IMPORTANT: append only. A script that has shipped never changes; a change is a new version.
    private static readonly string[] Sqlite =
    [
        """
        CREATE TABLE IF NOT EXISTS processed_messages (
            message_id TEXT PRIMARY KEY, transition_id TEXT NOT NULL,
            type TEXT NOT NULL, channel TEXT NOT NULL, received_at TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS ack_tokens (
            token_hash BLOB PRIMARY KEY, transition_id TEXT NOT NULL, unit_id TEXT NOT NULL,
            created_at TEXT NOT NULL, expires_at TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_ack_tokens_unit ON ack_tokens(transition_id, unit_id);
        CREATE TABLE IF NOT EXISTS acknowledgements (
            transition_id TEXT NOT NULL, unit_id TEXT NOT NULL, acknowledged_by TEXT NOT NULL,
            acknowledged_at TEXT NOT NULL, PRIMARY KEY (transition_id, unit_id));
        CREATE TABLE IF NOT EXISTS sent_emails (
            message_id TEXT PRIMARY KEY, transition_id TEXT NOT NULL, unit_id TEXT NOT NULL,
            kind TEXT NOT NULL, recipient TEXT NOT NULL, sent_at TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS audit_log (
            id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
            transition_id TEXT, unit_id TEXT, detail TEXT);
        CREATE INDEX IF NOT EXISTS ix_audit_transition ON audit_log(transition_id);
        """,
        """
        CREATE TABLE revoked_sessions (session_id TEXT PRIMARY KEY, revoked_until TEXT NOT NULL);
        """,
    ];

    private static readonly string[] Postgres =
    [
        """
        CREATE TABLE processed_messages (
            message_id text PRIMARY KEY, transition_id text NOT NULL,
            type text NOT NULL, channel text NOT NULL, received_at timestamptz NOT NULL);
        CREATE TABLE ack_tokens (
            token_hash bytea PRIMARY KEY, transition_id text NOT NULL, unit_id text NOT NULL,
            created_at timestamptz NOT NULL, expires_at timestamptz NOT NULL);
        CREATE INDEX ix_ack_tokens_unit ON ack_tokens (transition_id, unit_id);
        CREATE INDEX ix_ack_tokens_expires ON ack_tokens (expires_at);
        CREATE TABLE acknowledgements (
            transition_id text NOT NULL, unit_id text NOT NULL, acknowledged_by text NOT NULL,
            acknowledged_at timestamptz NOT NULL, PRIMARY KEY (transition_id, unit_id));
        CREATE TABLE sent_emails (
            message_id text PRIMARY KEY, transition_id text NOT NULL, unit_id text NOT NULL,
            kind text NOT NULL, recipient text NOT NULL, sent_at timestamptz NOT NULL);
        CREATE TABLE audit_log (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at timestamptz NOT NULL, actor text NOT NULL,
            action text NOT NULL, transition_id text, unit_id text, detail text);
        CREATE INDEX ix_audit_transition ON audit_log (transition_id);
        CREATE TABLE data_protection_keys (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, friendly_name text, xml text NOT NULL);
        """,
        """
        CREATE TABLE revoked_sessions (session_id text PRIMARY KEY, revoked_until timestamptz NOT NULL);
        """,
    ];

    public static Task MigrateAsync(DbConnection connection, StorageProvider provider, CancellationToken cancellationToken) =>
        provider == StorageProvider.Postgres ? MigratePostgresAsync(connection, cancellationToken) : MigrateSqliteAsync(connection, cancellationToken);

    private static async Task MigrateSqliteAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync("PRAGMA journal_mode=WAL;", cancellationToken: cancellationToken);
        // BEGIN IMMEDIATE: a second process opening the same file waits here, then finds the work done.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var version = await connection.QuerySingleOrDefaultAsync("PRAGMA user_version;", null, r => r.GetInt32(0), transaction, cancellationToken);
        for (var next = Refuse(version, Sqlite.Length, "app.db") + 1; next <= Sqlite.Length; next++)
        {
            await connection.ExecuteAsync(Sqlite[next - 1], transaction: transaction, cancellationToken: cancellationToken);
            await connection.ExecuteAsync($"PRAGMA user_version = {next.ToString(CultureInfo.InvariantCulture)};", transaction: transaction, cancellationToken: cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task MigratePostgresAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(
            $"""
            SELECT pg_advisory_xact_lock(hashtext('care-transitions app schema'));
            CREATE SCHEMA IF NOT EXISTS {PostgresSchema};
            CREATE TABLE IF NOT EXISTS {PostgresSchema}.schema_versions (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());
            """,
            transaction: transaction, cancellationToken: cancellationToken);
        var version = await connection.QuerySingleOrDefaultAsync(
            $"SELECT COALESCE(MAX(version), 0) FROM {PostgresSchema}.schema_versions", null, r => r.GetInt32(0), transaction, cancellationToken);
        for (var next = Refuse(version, Postgres.Length, $"the PostgreSQL schema {PostgresSchema}") + 1; next <= Postgres.Length; next++)
        {
            await connection.ExecuteAsync(Postgres[next - 1], transaction: transaction, cancellationToken: cancellationToken);
            await connection.ExecuteAsync(
                $"INSERT INTO {PostgresSchema}.schema_versions (version) VALUES (@Version)", new { Version = next }, transaction, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The version this service migrates the store to.</summary>
    public static int Latest(StorageProvider provider) => provider == StorageProvider.Postgres ? Postgres.Length : Sqlite.Length;

    /// <summary>The store's schema version as it is now (0: never migrated), read without changing anything (readiness).</summary>
    public static async Task<int> ReadVersionAsync(DbConnection connection, StorageProvider provider, CancellationToken cancellationToken)
    {
        if (provider != StorageProvider.Postgres)
        {
            return await connection.QuerySingleOrDefaultAsync("PRAGMA user_version;", null, r => r.GetInt32(0), cancellationToken: cancellationToken);
        }

        var exists = await connection.QuerySingleOrDefaultAsync(
            $"SELECT to_regclass('{PostgresSchema}.schema_versions') IS NOT NULL", null, r => r.GetBoolean(0), cancellationToken: cancellationToken);
        return !exists ? 0 : await connection.QuerySingleOrDefaultAsync(
            $"SELECT COALESCE(MAX(version), 0) FROM {PostgresSchema}.schema_versions", null, r => r.GetInt32(0), cancellationToken: cancellationToken);
    }

    private static int Refuse(int version, int known, string store) => version <= known
        ? version
        : throw new StorageConfigurationException(
            $"{store} has schema version {version}, newer than this service's {known}: run the newer service, or restore a backup made for this one.");
}
