using CareTransitions.Tests.Infrastructure;
using Platform.Storage;

namespace CareTransitions.Tests.UnitTests;

/// <summary>
/// Where the service's three stores live, from every key that has ever placed them: Storage:*, ConnectionStrings:Postgres,
/// Statistics:* and Durable:*, with the precedence they had when each part read its own. Each mistake is one line naming the key.
/// </summary>
public sealed class StorageTopologyTests
{
    private const string Shared = "Host=db;Database=care;Username=care;Password=hemligt";

    [Fact]
    public void Resolve_Nothing_IsThreeSqliteFilesInData()
    {
        var storage = Topology.From();

        Assert.Equal("data", storage.Directory);
        Assert.Equal((StorageProvider.Sqlite, Path.Combine("data", "app.db")), (storage.App.Provider, storage.App.SqlitePath));
        Assert.Equal((StorageProvider.Sqlite, Path.Combine("data", "statistics.db")), (storage.Statistics.Provider, storage.Statistics.SqlitePath));
        Assert.Equal((StorageProvider.Sqlite, Path.Combine("data", "durable.db")), (storage.Durable.Provider, storage.Durable.SqlitePath));
        Assert.Empty(storage.Problems);
        Assert.Empty(storage.Durable.Problems);
    }

    [Fact]
    public void Resolve_StorageDirectory_HoldsEveryFileButAStatisticsDatabasePath()
    {
        var storage = Topology.From(("Storage:Directory", "/srv/ct"), ("Statistics:DatabasePath", "/srv/stats/statistics.db"), ("Durable:DatabasePath", "/elsewhere/durable.db"));

        Assert.Equal("/srv/ct/app.db", storage.App.SqlitePath);
        Assert.Equal("/srv/stats/statistics.db", storage.Statistics.SqlitePath);
        // The service keeps durable.db beside app.db; Durable:DatabasePath is the backend server's own setting.
        Assert.Equal("/srv/ct/durable.db", storage.Durable.SqlitePath);
    }

    [Theory]
    [InlineData("Sqlite", StorageProvider.Sqlite)]
    [InlineData("SQLITE", StorageProvider.Sqlite)]
    [InlineData("", StorageProvider.Sqlite)]
    [InlineData("Postgres", StorageProvider.Postgres)]
    [InlineData(" postgresql ", StorageProvider.Postgres)]
    public void Resolve_StorageProvider_IsReadInAnyCase(string setting, StorageProvider expected)
    {
        var storage = Topology.From(("Storage:Provider", setting), ("ConnectionStrings:Postgres", Shared));

        Assert.Equal(expected, storage.App.Provider);
        Assert.Empty(storage.Problems);
    }

    [Fact]
    public void Resolve_Postgres_PutsEveryStoreInTheSharedDatabase()
    {
        var storage = Topology.From(("Storage:Provider", "Postgres"), ("ConnectionStrings:Postgres", Shared));

        Assert.All([storage.App, storage.Statistics, storage.Durable], store =>
        {
            Assert.True(store.IsPostgres);
            Assert.Equal(Shared, store.PostgresConnectionString);
        });
        Assert.Empty(storage.Problems);
    }

    [Fact]
    public void Resolve_PostgresWithStoreKeysOfTheirOwn_TheirKeysWin()
    {
        var storage = Topology.From(
            ("Storage:Provider", "Postgres"), ("ConnectionStrings:Postgres", Shared),
            ("Statistics:PostgresConnectionString", "Host=stats;Database=stats"), ("Durable:PostgresConnectionString", "Host=durable;Database=durable"),
            ("Durable:Provider", "Sqlite"));

        Assert.Equal("Host=stats;Database=stats", storage.Statistics.PostgresConnectionString);
        // On the shared database the durable store follows the app data whatever Durable:Provider says, as it always did.
        Assert.Equal((StorageProvider.Postgres, "Host=durable;Database=durable"), (storage.Durable.Provider, storage.Durable.PostgresConnectionString));
    }

    [Fact]
    public void Resolve_PostgresWithStatisticsProviderSqlite_KeepsStatisticsInTheFile()
    {
        var storage = Topology.From(("Storage:Provider", "Postgres"), ("ConnectionStrings:Postgres", Shared), ("Statistics:Provider", "Sqlite"));

        Assert.Equal((StorageProvider.Sqlite, Path.Combine("data", "statistics.db")), (storage.Statistics.Provider, storage.Statistics.SqlitePath));
        Assert.True(storage.App.IsPostgres);
    }

    [Fact]
    public void Resolve_SqliteWithStoresOnPostgresOfTheirOwn_MovesOnlyThose()
    {
        var storage = Topology.From(
            ("Statistics:Provider", "Postgres"), ("Statistics:PostgresConnectionString", "Host=stats"),
            ("Durable:Provider", "postgresql"), ("Durable:PostgresConnectionString", "Host=durable"));

        Assert.False(storage.App.IsPostgres);
        Assert.Equal((StorageProvider.Postgres, "Host=stats"), (storage.Statistics.Provider, storage.Statistics.PostgresConnectionString));
        Assert.Equal((StorageProvider.Postgres, "Host=durable"), (storage.Durable.Provider, storage.Durable.PostgresConnectionString));
        Assert.Empty(storage.Problems);
    }

    [Theory]
    [InlineData("Mysql", null, "Storage:Provider='Mysql' is not a store")]
    [InlineData("Postgres", null, "ConnectionStrings:Postgres is not set")]
    [InlineData("Postgres", "Database=care;Password=hemligt", "ConnectionStrings:Postgres (secret, value not shown) cannot be read (no Host)")]
    [InlineData("Postgres", "Host=db;Password=ab;hemligt", "ConnectionStrings:Postgres (secret, value not shown) cannot be read (not a list of keyword=value pairs")]
    [InlineData("Postgres", "Host=db;Password=ab;hemligt=1", "ConnectionStrings:Postgres (secret, value not shown) cannot be read (not a list of keyword=value pairs")]
    public void Resolve_ProviderAndConnectionString_AreChecked(string provider, string? connectionString, string expected)
    {
        var storage = Topology.From(("Storage:Provider", provider), ("ConnectionStrings:Postgres", connectionString), ("Statistics:Provider", "Sqlite"));

        var problem = Assert.Single(storage.Problems);
        Assert.StartsWith(expected, problem, StringComparison.Ordinal);
        Assert.DoesNotContain("hemligt", problem, StringComparison.Ordinal);
        Assert.Equal(storage.App.Problems, storage.Problems);
    }

    [Fact]
    public void Resolve_EmptyStorageDirectory_NamesTheKey() =>
        Assert.StartsWith("Storage:Directory is not set", Assert.Single(Topology.From(("Storage:Directory", " ")).Problems), StringComparison.Ordinal);

    [Fact]
    public void Resolve_UnknownDurableProvider_IsTheBackendsProblemNotTheTopologys()
    {
        var storage = Topology.From(("Durable:Provider", "Oracle"));

        Assert.Empty(storage.Problems);
        Assert.Equal("Durable:Provider='Oracle' is not a store: use Sqlite (the default) or Postgres.", Assert.Single(storage.Durable.Problems));
    }

    [Fact]
    public void Resolve_PostgresWithoutConnectionString_LeavesTheDurableStoreToDurableProvider()
    {
        var storage = Topology.From(("Storage:Provider", "Postgres"));

        Assert.False(storage.Durable.IsPostgres);
        Assert.Contains(storage.Problems, p => p.StartsWith("ConnectionStrings:Postgres is not set", StringComparison.Ordinal));
    }

    [Fact]
    public void ToString_NeverShowsAConnectionString() =>
        Assert.DoesNotContain("hemligt", Topology.From(("Storage:Provider", "Postgres"), ("ConnectionStrings:Postgres", Shared)).ToString(), StringComparison.Ordinal);

    [Fact]
    public void Resolve_CreatesNoFolder()
    {
        var directory = Path.Combine(Path.GetTempPath(), "ct-topology-" + Guid.NewGuid().ToString("N"));

        var storage = Topology.From(("Storage:Directory", directory));
        Assert.False(System.IO.Directory.Exists(directory));

        storage.CreateStorageDirectory();
        Assert.True(System.IO.Directory.Exists(directory));
        System.IO.Directory.Delete(directory);
    }
}
