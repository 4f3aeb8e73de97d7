using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Platform.Storage;
using Platform.Storage.Migrations;

namespace Dashboard.Storage;

/// <summary>
/// The store that holds finished outcomes: a SQLite file, or the schema <c>statistics</c> of a PostgreSQL database
/// shared by several service instances. Raw rows are the truth; the dashboard reads them through
/// <see cref="Statistics.FactSnapshot"/> and the naive reference query reads them directly. The SQL is the same on
/// both; the schema (<see cref="StatisticsSchema"/>) is migrated by the host as it starts (<see cref="StoreMigrationsAtStart"/>).
/// </summary>
internal sealed class StatisticsDatabase : IMigratedStore, IDisposable
{
    private readonly string? _sqlite;
    private readonly NpgsqlDataSource? _postgres;

    /// <param name="store">Where the storage topology put the statistics (<see cref="StorageTopology.Statistics"/>).</param>
    /// <exception cref="InvalidOperationException">The store is not configured so that it can be opened (the settings check says so first).</exception>
    public StatisticsDatabase(StoreLocation store)
    {
        if (store.Problems.Count > 0)
        {
            throw new InvalidOperationException(store.Problems[0]);
        }

        if (store.IsPostgres)
        {
            var connection = new NpgsqlConnectionStringBuilder(store.PostgresConnectionString) { SearchPath = StatisticsSchema.PostgresSchema };
            _postgres = NpgsqlDataSource.Create(connection.ConnectionString);
            Path = $"PostgreSQL {connection.Host}/{connection.Database}, schema {StatisticsSchema.PostgresSchema}";
            return;
        }

        Path = System.IO.Path.GetFullPath(store.SqlitePath);
        _sqlite = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>The file, or the PostgreSQL database and schema.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public string Description => $"statistics store ({this.Path})";

    public bool IsPostgres => _postgres is not null;

    /// <summary>Creates or migrates the schema (at start; several instances at once take turns).</summary>
    /// <exception cref="SchemaTooNewException">The store has a newer release's schema.</exception>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = _postgres is not null ? await _postgres.OpenConnectionAsync(cancellationToken) : Open();
        if (connection is SqliteConnection)
        {
            await using var wal = connection.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            await wal.ExecuteNonQueryAsync(cancellationToken);
        }

        await SchemaMigrator.MigrateAsync(connection, StatisticsSchema.For(IsPostgres), cancellationToken);
    }

    /// <summary>
    /// A read transaction in which every statement sees the same committed state (the snapshot reads the change
    /// sequence and then the rows). SQLite: deferred, so readers never wait for the writer; PostgreSQL: repeatable read.
    /// </summary>
    public static DbTransaction BeginRead(DbConnection connection) => connection is SqliteConnection sqlite
        ? sqlite.BeginTransaction(deferred: true)
        : connection.BeginTransaction(IsolationLevel.RepeatableRead);

    /// <summary>A write transaction. SQLite: immediate (one writer at a time); PostgreSQL: read committed, writers queue on the change sequence's row.</summary>
    public static DbTransaction BeginWrite(DbConnection connection) => connection is SqliteConnection sqlite
        ? sqlite.BeginTransaction(deferred: false)
        : connection.BeginTransaction(IsolationLevel.ReadCommitted);

    /// <summary>Throws unless the store answers a trivial query (readiness).</summary>
    public async Task PingAsync(CancellationToken cancellationToken)
    {
        await using var connection = _postgres is not null ? await _postgres.OpenConnectionAsync(cancellationToken) : Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1";
        await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>The store's schema version and the one this dashboard needs (readiness); throws unless the store answers.</summary>
    public async Task<(int Found, int Needed)> SchemaVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = _postgres is not null ? await _postgres.OpenConnectionAsync(cancellationToken) : Open();
        var schema = StatisticsSchema.For(IsPostgres);
        return (await SchemaMigrator.ReadVersionAsync(connection, schema, cancellationToken), schema.LatestVersion);
    }

    public void Dispose() => _postgres?.Dispose();

    /// <summary>An open connection to the store.</summary>
    public DbConnection Open()
    {
        if (_postgres is not null)
        {
            return _postgres.OpenConnection();
        }

        EnsureFolder();
        var connection = new SqliteConnection(_sqlite);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous=NORMAL;";
        command.ExecuteNonQuery();
        return connection;
    }

    private void EnsureFolder()
    {
        var folder = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }
}
