using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Platform.Storage.Migrations;

/// <summary>
/// The one migrator of every store (app, statistics, durable; SQLite and PostgreSQL): under the store's lock, reads the
/// version its table records, refuses a newer one, and runs each missing script with its version row, all in one
/// transaction, so a failed start leaves the store as it was.
/// </summary>
public static class SchemaMigrator
{
    /// <summary>Brings the store on <paramref name="connection"/> (open) to <see cref="StoreSchema.LatestVersion"/>; returns the version it found.</summary>
    /// <exception cref="SchemaTooNewException">The store records a version newer than this release knows; nothing was changed.</exception>
    public static async Task<int> MigrateAsync(DbConnection connection, StoreSchema schema, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(schema);
        await using var transaction = await MigrationLock.TakeAsync(connection, schema, cancellationToken);
        var tableExisted = await VersionTableExistsAsync(connection, transaction, schema, cancellationToken);
        if (!tableExisted)
        {
            await ExecuteAsync(connection, transaction, $"CREATE TABLE {schema.Versions.Name} ({schema.Versions.Columns})", cancellationToken);
        }

        // Carried on from the count earlier releases kept, once: afterwards the table is the store's version.
        var found = tableExisted ? await RecordedVersionAsync(connection, transaction, schema, cancellationToken)
            : schema.KeepsUserVersion ? await UserVersionAsync(connection, transaction, cancellationToken) : 0;
        if (found > schema.LatestVersion)
        {
            throw new SchemaTooNewException(schema.Name, Location(connection, schema), found, schema.LatestVersion);
        }

        if (!tableExisted && found > 0)
        {
            await RecordAsync(connection, transaction, schema, found, cancellationToken);
        }

        foreach (var script in schema.Scripts.Skip(found))
        {
            await ExecuteAsync(connection, transaction, script.Sql, cancellationToken);
            await RecordAsync(connection, transaction, schema, script.Version, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return found;
    }

    /// <summary>The store's version as it is now (0: never migrated), read without a lock and without changing anything (readiness).</summary>
    public static async Task<int> ReadVersionAsync(DbConnection connection, StoreSchema schema, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(schema);
        return await VersionTableExistsAsync(connection, null, schema, cancellationToken)
            ? await RecordedVersionAsync(connection, null, schema, cancellationToken)
            : schema.KeepsUserVersion ? await UserVersionAsync(connection, null, cancellationToken) : 0;
    }

    /// <summary>Where the store is, for messages: the file, or host, port, database and schema (never a password).</summary>
    private static string Location(DbConnection connection, StoreSchema schema) => connection switch
    {
        NpgsqlConnection postgres => $"PostgreSQL {postgres.Host}:{postgres.Port}/{postgres.Database}, schema {schema.PostgresSchema}",
        _ => connection.DataSource,
    };

    private static Task<bool> VersionTableExistsAsync(DbConnection connection, DbTransaction? transaction, StoreSchema schema, CancellationToken cancellationToken) =>
        schema.IsPostgres
            ? ScalarAsync<bool>(connection, transaction, "SELECT to_regclass(@name) IS NOT NULL", cancellationToken, ("name", schema.Versions.Name))
            : ScalarAsync<bool>(connection, transaction, "SELECT COUNT(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = @name", cancellationToken, ("name", schema.Versions.Name));

    private static Task<int> RecordedVersionAsync(DbConnection connection, DbTransaction? transaction, StoreSchema schema, CancellationToken cancellationToken) =>
        ScalarAsync<int>(connection, transaction, $"SELECT COALESCE(MAX(version), 0) FROM {schema.Versions.Name}", cancellationToken);

    private static Task<int> UserVersionAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken) =>
        ScalarAsync<int>(connection, transaction, "PRAGMA user_version", cancellationToken);

    private static async Task RecordAsync(DbConnection connection, DbTransaction transaction, StoreSchema schema, int version, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        object appliedAt = schema.Versions.AppliedAt == AppliedAtFormat.UnixMilliseconds ? now.ToUnixTimeMilliseconds()
            : schema.IsPostgres ? now : now.ToString("O", CultureInfo.InvariantCulture);
        await using var command = Command(connection, transaction, $"INSERT INTO {schema.Versions.Name} VALUES (@version, @appliedAt)", ("version", version), ("appliedAt", appliedAt));
        await command.ExecuteNonQueryAsync(cancellationToken);
        if (schema.KeepsUserVersion)
        {
            await ExecuteAsync(connection, transaction, $"PRAGMA user_version = {version.ToString(CultureInfo.InvariantCulture)}", cancellationToken);
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<T> ScalarAsync<T>(
        DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync(cancellationToken))!, typeof(T), CultureInfo.InvariantCulture);
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    /// <summary>The transaction a migration runs in, holding the store's lock until it commits or rolls back.</summary>
    private static class MigrationLock
    {
        public static async Task<DbTransaction> TakeAsync(DbConnection connection, StoreSchema schema, CancellationToken cancellationToken)
        {
            if (!schema.IsPostgres)
            {
                // BEGIN IMMEDIATE: a second process on the same file waits here (busy timeout), then finds the work done.
                return connection is SqliteConnection sqlite
                    ? sqlite.BeginTransaction(deferred: false)
                    : throw new ArgumentException($"The {schema.Name}'s SQLite schema needs a SqliteConnection.", nameof(connection));
            }

            if (connection is not NpgsqlConnection)
            {
                throw new ArgumentException($"The {schema.Name}'s PostgreSQL schema needs an NpgsqlConnection.", nameof(connection));
            }

            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            try
            {
                // IMPORTANT: taken before anything is created, so a second process waits here and then finds the schema done.
                await using (var command = Command(connection, transaction, "SELECT pg_advisory_xact_lock(@key)", ("key", schema.AdvisoryLockKey)))
                {
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }

                await ExecuteAsync(connection, transaction, $"CREATE SCHEMA IF NOT EXISTS {schema.PostgresSchema}", cancellationToken);
                return transaction;
            }
            catch
            {
                await transaction.DisposeAsync();
                throw;
            }
        }
    }
}
