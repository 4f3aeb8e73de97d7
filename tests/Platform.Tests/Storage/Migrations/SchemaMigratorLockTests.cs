using Microsoft.Data.Sqlite;
using Platform.Storage.Migrations;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Storage.Migrations;

/// <summary>Processes starting together on one store: each migration waits for the store's lock, and the schema is made once.</summary>
public sealed class SchemaMigratorLockTests
{
    private static readonly string[] Scripts = ["CREATE TABLE notes (id integer PRIMARY KEY)", "ALTER TABLE notes ADD COLUMN body text"];

    [Theory]
    [MemberData(nameof(ScratchStore.Providers), MemberType = typeof(ScratchStore))]
    public async Task MigrateAsync_ManyProcessesAtOnce_CreateTheSchemaOnce(string provider)
    {
        await using var store = await ScratchStore.CreateAsync(provider);

        var found = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => store.MigrateAsync(store.Schema(Scripts)))));

        Assert.Equal(1, found.Count(version => version == 0));
        Assert.All(found.Where(version => version != 0), version => Assert.Equal(2, version));
        Assert.Equal([1, 2], await store.ColumnAsync("SELECT version FROM schema_versions ORDER BY version"));
    }

    [Fact]
    public async Task MigrateAsync_OnPostgres_WaitsForTheStoresAdvisoryLock()
    {
        await using var store = await ScratchStore.CreateAsync(ScratchStore.Postgres);
        await using var other = await store.OpenAsync();
        await using var holding = await other.BeginTransactionAsync();
        await using (var take = other.CreateCommand())
        {
            take.Transaction = holding;
            take.CommandText = $"SELECT pg_advisory_xact_lock({ScratchStore.LockKey})";
            await take.ExecuteNonQueryAsync();
        }

        var migrating = Task.Run(() => store.MigrateAsync(store.Schema(Scripts)));

        // Waiting on exactly that lock, as the server sees it, and not done while it is held.
        await UntilAsync(async () => (await store.ColumnAsync(
            $"SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid = {ScratchStore.LockKey & 0xFFFFFFFF}"))[0] == 1);
        Assert.False(migrating.IsCompleted);
        await holding.CommitAsync();
        Assert.Equal(0, await migrating.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task MigrateAsync_OnSqlite_WaitsForTheFilesWriteLock()
    {
        await using var store = await ScratchStore.CreateAsync(ScratchStore.Sqlite);
        await using var other = (SqliteConnection)await store.OpenAsync();
        await using var holding = other.BeginTransaction(deferred: false);

        var migrating = Task.Run(() => store.MigrateAsync(store.Schema(Scripts)));

        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.False(migrating.IsCompleted);
        await holding.CommitAsync();
        Assert.Equal(0, await migrating.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The migration never waited on the lock.");
            await Task.Delay(50);
        }
    }
}
