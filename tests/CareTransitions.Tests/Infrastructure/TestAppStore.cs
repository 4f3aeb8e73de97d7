using CareTransitions.Storage;

namespace CareTransitions.Tests.Infrastructure;

/// <summary>An app store of its own for one test: app.db in a temporary folder, or a fresh PostgreSQL database, migrated as a host's start would.</summary>
internal sealed class TestAppStore : IAsyncDisposable
{
    private readonly TestStore store;
    private readonly string directory;

    private TestAppStore(TestStore store, string directory)
    {
        this.store = store;
        this.directory = directory;
        this.Database = this.NewDatabase();
    }

    public AppDatabase Database { get; }

    /// <param name="provider"><see cref="TestStore.Sqlite"/> or <see cref="TestStore.Postgres"/>.</param>
    /// <param name="migrate">False for an empty store, as before any release started on it.</param>
    public static async Task<TestAppStore> CreateAsync(string provider, bool migrate = true)
    {
        var store = new TestAppStore(await TestStore.CreateAsync(provider), System.IO.Directory.CreateTempSubdirectory("ct-store-").FullName);
        if (migrate)
        {
            await store.Database.MigrateAsync();
        }

        return store;
    }

    /// <summary>The folder app.db is in (SQLite).</summary>
    public string Directory => this.directory;

    /// <summary>The store's PostgreSQL database (Postgres only).</summary>
    public TestStore Store => this.store;

    /// <summary>Another process's view of the same store (its own pool, its own migration).</summary>
    public AppDatabase NewDatabase() => new(Topology.From(
        ("Storage:Directory", this.directory), ("Storage:Provider", this.store.Provider), ("ConnectionStrings:Postgres", this.store.ConnectionString)));

    public async ValueTask DisposeAsync()
    {
        await this.Database.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(this.directory, recursive: true);
        await this.store.DisposeAsync();
    }
}
