using Platform.Storage.Migrations;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Storage.Migrations;

/// <summary>The migrator on each provider: in order, once, all or nothing, and never onto a newer schema.</summary>
public sealed class SchemaMigratorTests
{
    private static readonly string[] Scripts =
    [
        "CREATE TABLE notes (id integer PRIMARY KEY)",
        // Needs the table of version 1: run out of order, it fails.
        "ALTER TABLE notes ADD COLUMN body text",
        "INSERT INTO notes (id, body) VALUES (1, 'from version 3')",
    ];

    [Theory]
    [MemberData(nameof(ScratchStore.Providers), MemberType = typeof(ScratchStore))]
    public async Task MigrateAsync_EmptyStore_RunsEveryScriptInOrderRecordingEachVersion(string provider)
    {
        await using var store = await ScratchStore.CreateAsync(provider);

        var found = await store.MigrateAsync(store.Schema(Scripts));

        Assert.Equal(0, found);
        Assert.Equal([1, 2, 3], await store.ColumnAsync("SELECT version FROM schema_versions ORDER BY version"));
        Assert.Equal([1], await store.ColumnAsync("SELECT id FROM notes WHERE body = 'from version 3'"));
    }

    [Theory]
    [MemberData(nameof(ScratchStore.Providers), MemberType = typeof(ScratchStore))]
    public async Task MigrateAsync_AgainAndWithAScriptMore_RunsOnlyWhatIsMissing(string provider)
    {
        await using var store = await ScratchStore.CreateAsync(provider);
        await store.MigrateAsync(store.Schema(Scripts[..2]));

        Assert.Equal(2, await store.MigrateAsync(store.Schema(Scripts[..2])));
        Assert.Equal(2, await store.MigrateAsync(store.Schema(Scripts)));
        Assert.Equal(3, await store.MigrateAsync(store.Schema(Scripts)));

        Assert.Equal([1, 2, 3], await store.ColumnAsync("SELECT version FROM schema_versions ORDER BY version"));
        Assert.Equal([1], await store.ColumnAsync("SELECT COUNT(*) FROM notes"));
    }

    [Theory]
    [MemberData(nameof(ScratchStore.Providers), MemberType = typeof(ScratchStore))]
    public async Task MigrateAsync_StoreANewerReleaseMigrated_IsRefusedNamingItAndLeftAsItWas(string provider)
    {
        await using var store = await ScratchStore.CreateAsync(provider);
        await store.MigrateAsync(store.Schema(Scripts));

        var refused = await Assert.ThrowsAsync<SchemaTooNewException>(() => store.MigrateAsync(store.Schema(Scripts[..1])));

        Assert.Equal(("test store", 3, 1), (refused.Store, refused.Version, refused.KnownVersion));
        var where = provider == ScratchStore.Sqlite ? store.File : "PostgreSQL ";
        Assert.StartsWith($"the test store ({where}", refused.Message, StringComparison.Ordinal);
        Assert.Contains("has schema version 3, newer than this release knows (1): run the release that migrated it (or a newer one), or restore a backup", refused.Message, StringComparison.Ordinal);
        Assert.Equal([1, 2, 3], await store.ColumnAsync("SELECT version FROM schema_versions ORDER BY version"));
    }

    [Theory]
    [MemberData(nameof(ScratchStore.Providers), MemberType = typeof(ScratchStore))]
    public async Task MigrateAsync_AScriptFails_LeavesTheStoreAsItWas(string provider)
    {
        await using var store = await ScratchStore.CreateAsync(provider);

        await Assert.ThrowsAnyAsync<Exception>(() => store.MigrateAsync(store.Schema([Scripts[0], "ALTER TABLE missing ADD COLUMN x integer"])));

        Assert.False(await store.HasTableAsync("notes"));
        Assert.False(await store.HasTableAsync("schema_versions"));
    }

    [Theory]
    [MemberData(nameof(ScratchStore.Providers), MemberType = typeof(ScratchStore))]
    public async Task ReadVersionAsync_BeforeAndAfterMigrating_IsTheRecordedVersionWithoutChangingAnything(string provider)
    {
        await using var store = await ScratchStore.CreateAsync(provider);
        var schema = store.Schema(Scripts);
        await using var connection = await store.OpenAsync();

        Assert.Equal(0, await SchemaMigrator.ReadVersionAsync(connection, schema, CancellationToken.None));
        Assert.False(await store.HasTableAsync("schema_versions"));
        await SchemaMigrator.MigrateAsync(connection, schema, CancellationToken.None);
        Assert.Equal(3, await SchemaMigrator.ReadVersionAsync(connection, schema, CancellationToken.None));
    }

    [Theory]
    [InlineData(0, new long[] { 1, 2, 3 })]
    [InlineData(2, new long[] { 2, 3 })]
    [InlineData(3, new long[] { 3 })]
    public async Task MigrateAsync_SqliteFileCountedInUserVersion_CarriesOnFromItAndKeepsItInStep(int userVersion, long[] recorded)
    {
        await using var store = await ScratchStore.CreateAsync(ScratchStore.Sqlite);
        // As an earlier release left the file: its scripts run, the count in user_version, no version table.
        await store.ExecuteAsync(string.Join(";", Scripts.Take(userVersion).Append($"PRAGMA user_version = {userVersion}")));
        var schema = store.Schema(Scripts, keepsUserVersion: true);
        await using (var connection = await store.OpenAsync())
        {
            Assert.Equal(userVersion, await SchemaMigrator.ReadVersionAsync(connection, schema, CancellationToken.None));
        }

        Assert.Equal(userVersion, await store.MigrateAsync(schema));

        Assert.Equal(recorded, await store.ColumnAsync("SELECT version FROM schema_versions ORDER BY version"));
        Assert.Equal([3], await store.ColumnAsync("PRAGMA user_version"));
        Assert.Equal([1], await store.ColumnAsync("SELECT COUNT(*) FROM notes"));
    }

    [Fact]
    public async Task MigrateAsync_SqliteFileWhoseUserVersionIsNewer_IsRefusedWithoutAVersionTable()
    {
        await using var store = await ScratchStore.CreateAsync(ScratchStore.Sqlite);
        await store.ExecuteAsync("PRAGMA user_version = 7");

        var refused = await Assert.ThrowsAsync<SchemaTooNewException>(() => store.MigrateAsync(store.Schema(Scripts, keepsUserVersion: true)));

        Assert.Equal(7, refused.Version);
        Assert.False(await store.HasTableAsync("schema_versions"));
    }
}
