using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Platform.Storage.Migrations;

namespace CareTransitions.Storage;

/// <summary>
/// The service's own data: processed message ids, acknowledgement tokens, acknowledgements, sent emails
/// and the audit trail. On SQLite the file app.db in the storage directory; on PostgreSQL the schema
/// <c>app</c> of the shared database. The features' SQL runs unchanged on both; only the schema differs
/// (<see cref="AppSchema"/>), migrated by the host as it starts (<see cref="StoreMigrationsAtStart"/>).
/// </summary>
internal sealed class AppDatabase : IMigratedStore, IAsyncDisposable
{
    private readonly DbDataSource dataSource;

    /// <exception cref="StorageConfigurationException">An unknown provider or a missing connection string (the settings check says so first).</exception>
    public AppDatabase(StorageTopology storage)
    {
        var store = storage.App;
        if (store.Problems.Count > 0)
        {
            throw new StorageConfigurationException(store.Problems[0]);
        }

        this.Provider = store.Provider;
        this.dataSource = store.IsPostgres ? PostgresSource(store) : SqliteSource(store);
        this.Description = store.IsPostgres ? $"app store (PostgreSQL, schema {AppSchema.PostgresSchema})" : $"app store ({store.SqlitePath})";
    }

    public StorageProvider Provider { get; }

    /// <inheritdoc />
    public string Description { get; }

    /// <summary>Creates or migrates the schema (at start; several instances at once take turns).</summary>
    /// <exception cref="SchemaTooNewException">The store has a newer release's schema.</exception>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await this.OpenAsync(cancellationToken);
        if (connection is SqliteConnection)
        {
            await connection.ExecuteAsync("PRAGMA journal_mode=WAL;", cancellationToken: cancellationToken);
        }

        await SchemaMigrator.MigrateAsync(connection, AppSchema.For(this.Provider), cancellationToken);
    }

    /// <summary>Throws unless the store answers a trivial query (readiness).</summary>
    public async Task PingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await this.OpenAsync(cancellationToken);
        await connection.ExecuteAsync("SELECT 1", cancellationToken: cancellationToken);
    }

    /// <summary>The store's schema version and the one this service needs (readiness); throws unless the store answers.</summary>
    public async Task<(int Found, int Needed)> SchemaVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await this.OpenAsync(cancellationToken);
        var schema = AppSchema.For(this.Provider);
        return (await SchemaMigrator.ReadVersionAsync(connection, schema, cancellationToken), schema.LatestVersion);
    }

    public ValueTask DisposeAsync() => this.dataSource.DisposeAsync();

    /// <summary>An open connection to the store.</summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = await this.dataSource.OpenConnectionAsync(cancellationToken);
        if (connection is SqliteConnection)
        {
            // IMPORTANT: FULL so that a recorded acknowledgement or processed message id survives power loss.
            await connection.ExecuteAsync("PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000;", cancellationToken: cancellationToken);
        }

        return connection;
    }

    // The file's folder is the storage directory, made at start (StorageTopology.CreateStorageDirectory).
    private static DbDataSource SqliteSource(StoreLocation store) =>
        SqliteFactory.Instance.CreateDataSource(new SqliteConnectionStringBuilder
        {
            DataSource = store.SqlitePath,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString());

    // The unqualified table names of the features' SQL resolve to the schema `app`.
    private static NpgsqlDataSource PostgresSource(StoreLocation store) =>
        NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(store.PostgresConnectionString) { SearchPath = AppSchema.PostgresSchema }.ConnectionString);
}
