using Npgsql;
using Testing.Postgres;

namespace CareTransitions.Tests.Infrastructure;

/// <summary>
/// Where a service under test keeps its data: <c>Sqlite</c> (files in the service's temporary folder, the default)
/// or <c>Postgres</c> (a fresh database of the test run's PostgreSQL cluster, dropped with the store). One store may
/// serve several service instances.
/// </summary>
public sealed class TestStore : IAsyncDisposable
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    private readonly TestDatabase? database;

    private TestStore(string provider, TestDatabase? database)
    {
        this.Provider = provider;
        this.database = database;
    }

    /// <summary>Both providers, for theories.</summary>
    public static TheoryData<string> Providers => [Sqlite, Postgres];

    public string Provider { get; }

    /// <summary>The database's connection string (Postgres only), with a small pool: many services share the test cluster.</summary>
    public string? ConnectionString => this.database is null ? null
        : new NpgsqlConnectionStringBuilder(this.database.ConnectionString) { MaxPoolSize = 10 }.ConnectionString;

    /// <summary>The service's settings for this store; nothing for SQLite, whose files go in <c>Storage:Directory</c>.</summary>
    public string[] Arguments => this.database is null ? [] : ["--Storage:Provider=Postgres", $"--ConnectionStrings:Postgres={this.ConnectionString}"];

    public static async Task<TestStore> CreateAsync(string provider) => provider switch
    {
        Sqlite => new TestStore(provider, null),
        Postgres => new TestStore(provider, await (await PostgresCluster.SharedAsync()).CreateDatabaseAsync()),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Sqlite or Postgres"),
    };

    /// <summary>Runs one statement on this store's database as the cluster's administrator (Postgres only).</summary>
    public async Task<T?> QueryAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(this.database!.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T?)await command.ExecuteScalarAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (this.database is not null)
        {
            await this.database.DisposeAsync();
        }
    }
}
