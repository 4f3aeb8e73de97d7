using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using Platform.Storage.Migrations;
using Testing.Postgres;

namespace Platform.Tests.Infrastructure;

/// <summary>
/// An empty store of its own for one test: a SQLite file in a temporary folder, or a fresh PostgreSQL database whose
/// connections look in the schema <c>scratch</c> first, so the same unqualified SQL runs on both.
/// </summary>
internal sealed class ScratchStore : IAsyncDisposable
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    /// <summary>Any constant: the advisory lock key of the scratch schema's migrations.</summary>
    public const long LockKey = 0x736372617463;

    private readonly string? folder;
    private readonly TestDatabase? database;

    private ScratchStore(string provider, string? folder, TestDatabase? database)
    {
        this.Provider = provider;
        this.folder = folder;
        this.database = database;
    }

    public static TheoryData<string> Providers => [Sqlite, Postgres];

    public string Provider { get; }

    /// <summary>The SQLite file (Sqlite only).</summary>
    public string File => Path.Combine(this.folder!, "store.db");

    public static async Task<ScratchStore> CreateAsync(string provider) => provider == Sqlite
        ? new ScratchStore(provider, Directory.CreateTempSubdirectory("platform-tests-").FullName, null)
        : new ScratchStore(provider, null, await (await PostgresCluster.SharedAsync()).CreateDatabaseAsync());

    /// <summary>The store's schema made of <paramref name="scripts"/>, numbered from 1.</summary>
    public StoreSchema Schema(string[] scripts, bool keepsUserVersion = false)
    {
        var numbered = scripts.Select((sql, i) => new SchemaScript(i + 1, $"{i + 1:D4}_step.sql", sql)).ToList();
        return this.Provider == Sqlite
            ? StoreSchema.ForSqlite("test store", numbered, new VersionTable("schema_versions", "version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL", AppliedAtFormat.Timestamp), keepsUserVersion)
            : StoreSchema.ForPostgres("test store", numbered, "scratch", new VersionTable("scratch.schema_versions", "version integer PRIMARY KEY, applied_at timestamptz NOT NULL", AppliedAtFormat.Timestamp), LockKey);
    }

    /// <summary>A new open connection (another process's, as far as locks go).</summary>
    public async Task<DbConnection> OpenAsync()
    {
        DbConnection connection = this.Provider == Sqlite
            ? new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = this.File, Pooling = false, DefaultTimeout = 30 }.ToString())
            : new NpgsqlConnection(new NpgsqlConnectionStringBuilder(this.database!.ConnectionString) { Pooling = false, SearchPath = "scratch" }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async Task<int> MigrateAsync(StoreSchema schema)
    {
        await using var connection = await this.OpenAsync();
        return await SchemaMigrator.MigrateAsync(connection, schema, CancellationToken.None);
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = await this.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public async Task<List<long>> ColumnAsync(string sql)
    {
        await using var connection = await this.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<long>();
        while (await reader.ReadAsync())
        {
            values.Add(Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture));
        }

        return values;
    }

    /// <summary>Whether the store has a table of this name (in the scratch schema on PostgreSQL).</summary>
    public async Task<bool> HasTableAsync(string name) => (await this.ColumnAsync(this.Provider == Sqlite
        ? $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '{name}'"
        : $"SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'scratch' AND table_name = '{name}'"))[0] > 0;

    public async ValueTask DisposeAsync()
    {
        if (this.database is not null)
        {
            await this.database.DisposeAsync();
        }

        if (this.folder is not null)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(this.folder, recursive: true);
        }
    }
}
