using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Platform.Storage;

namespace Dashboard.Storage;

/// <summary>
/// The store that holds finished outcomes: a SQLite file, or the schema <c>statistics</c> of a PostgreSQL database
/// shared by several service instances. Raw rows are the truth; the dashboard reads them through
/// <see cref="Statistics.FactSnapshot"/> and the naive reference query reads them directly. The SQL is the same on
/// both; the schema (<see cref="StatisticsSchema"/>) is created or migrated on first use.
/// </summary>
internal sealed class StatisticsDatabase : IDisposable
{
    private readonly string? _sqlite;
    private readonly NpgsqlDataSource? _postgres;
    private readonly Lock _schemaLock = new();
    private volatile bool _schemaReady;

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

    public bool IsPostgres => _postgres is not null;

    /// <summary>An open connection to a migrated store; a failed migration (database down) is tried again on the next call.</summary>
    public DbConnection Open()
    {
        var connection = OpenConnection();
        if (!_schemaReady)
        {
            lock (_schemaLock)
            {
                if (!_schemaReady)
                {
                    StatisticsSchema.Migrate(connection);
                    _schemaReady = true;
                }
            }
        }
        return connection;
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
        await using var connection = _postgres is not null ? await _postgres.OpenConnectionAsync(cancellationToken) : OpenConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1";
        await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>
    /// The store's schema version and the one this dashboard needs, once this process has migrated it (readiness);
    /// null before its first use. Throws unless the store answers.
    /// </summary>
    public async Task<(long Found, int Needed)?> SchemaVersionAsync(CancellationToken cancellationToken)
    {
        if (!_schemaReady)
        {
            return null;
        }

        await using var connection = _postgres is not null ? await _postgres.OpenConnectionAsync(cancellationToken) : OpenConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = _postgres is not null
            ? $"SELECT CASE WHEN to_regclass('{StatisticsSchema.PostgresSchema}.schema_versions') IS NULL THEN 0 ELSE 1 END"
            : "PRAGMA user_version;";
        var found = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        if (_postgres is not null && found == 1)
        {
            command.CommandText = $"SELECT COALESCE(MAX(version), 0) FROM {StatisticsSchema.PostgresSchema}.schema_versions";
            found = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }

        return (found, StatisticsSchema.Latest(IsPostgres));
    }

    public void Dispose() => _postgres?.Dispose();

    private DbConnection OpenConnection()
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
