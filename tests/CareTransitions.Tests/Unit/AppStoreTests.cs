using System.Globalization;
using CareTransitions.Acknowledgements;
using CareTransitions.Audit;
using CareTransitions.Storage;
using CareTransitions.Tests.Infrastructure;
using Platform.Storage;
using Platform.Storage.Migrations;
using Testing.Storage;

namespace CareTransitions.Tests.UnitTests;

/// <summary>The app store's schema and its exactly-once writes, on both providers, with several "instances" (stores of their own) at once.</summary>
public sealed class AppStoreTests
{
    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task MigrateAsync_SeveralInstancesStartingAtOnce_CreateTheSchemaOnce(string provider)
    {
        await using var store = await TestAppStore.CreateAsync(provider, migrate: false);
        var instances = Enumerable.Range(0, 4).Select(_ => store.NewDatabase()).ToList();

        await Task.WhenAll(instances.Select(i => i.MigrateAsync()));

        await using var connection = await store.Database.OpenAsync();
        Assert.Equal(Enumerable.Range(1, Latest), await connection.QueryAsync($"SELECT version FROM {VersionTable(provider)} ORDER BY version", null, r => Convert.ToInt32(r.GetValue(0), CultureInfo.InvariantCulture)));
        if (provider == TestStore.Sqlite)
        {
            // Kept in step, so a release that still counts in user_version refuses a newer schema.
            Assert.Equal(Latest, await connection.QuerySingleOrDefaultAsync("PRAGMA user_version", null, r => r.GetInt32(0)));
        }

        await Task.WhenAll(instances.Select(i => i.DisposeAsync().AsTask()));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task MigrateAsync_SchemaOfANewerService_IsRefusedSayingWhatToDo(string provider)
    {
        await using var store = await TestAppStore.CreateAsync(provider);
        await using (var connection = await store.Database.OpenAsync())
        {
            await connection.ExecuteAsync($"INSERT INTO {VersionTable(provider)} VALUES (99, '2027-01-01')");
        }

        await using var older = store.NewDatabase();
        var refused = await Assert.ThrowsAsync<SchemaTooNewException>(() => older.MigrateAsync());

        Assert.StartsWith("the app store (", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"schema version 99, newer than this release knows ({Latest}): run the release that migrated it", refused.Message, StringComparison.Ordinal);
        Assert.Equal((99, Latest), await older.SchemaVersionAsync(default));
    }

    [Theory]
    [InlineData(0, 1)] // an app.db from before versions were counted: version 1's tables
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    public async Task MigrateAsync_AppDbOfAnEarlierRelease_CarriesOnFromItsUserVersionToAFreshStoresSchema(int userVersion, int scripts)
    {
        await using var earlier = await TestAppStore.CreateAsync(TestStore.Sqlite, migrate: false);
        await using (var connection = await earlier.Database.OpenAsync())
        {
            // What earlier releases left: their scripts (the same text as Schema/Sqlite), counted in user_version only.
            foreach (var script in AppSchema.For(StorageProvider.Sqlite).Scripts.Take(scripts))
            {
                await connection.ExecuteAsync(script.Sql);
            }

            await connection.ExecuteAsync($"PRAGMA user_version = {userVersion}; INSERT INTO audit_log (at, actor, action) VALUES ('2026-01-01', 'earlier', 'kept');");
        }

        await earlier.Database.MigrateAsync();
        await earlier.Database.MigrateAsync();

        await using var fresh = await TestAppStore.CreateAsync(TestStore.Sqlite);
        var schema = await SchemaSnapshot.OfSqliteAsync(AppDb(fresh));
        Assert.Contains("CREATE TABLE revoked_sessions", schema, StringComparison.Ordinal);
        Assert.Equal(schema, await SchemaSnapshot.OfSqliteAsync(AppDb(earlier)));
        Assert.Equal((Latest, Latest), await earlier.Database.SchemaVersionAsync(default));
        await using var check = await earlier.Database.OpenAsync();
        Assert.Equal("earlier", await check.QuerySingleOrDefaultAsync("SELECT actor FROM audit_log", null, r => r.GetString(0)));
    }

    [Fact]
    public async Task MigrateAsync_PostgresSchemaOfAnEarlierRelease_CarriesOnFromItsVersionTableToAFreshStoresSchema()
    {
        await using var earlier = await TestAppStore.CreateAsync(TestStore.Postgres, migrate: false);
        await using (var connection = await earlier.Database.OpenAsync())
        {
            // What the release before version 2 left: its version table, version 1's tables (search path: app) and row.
            await connection.ExecuteAsync(
                "CREATE SCHEMA app; CREATE TABLE app.schema_versions (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());"
                + AppSchema.For(StorageProvider.Postgres).Scripts[0].Sql
                + "INSERT INTO app.schema_versions (version) VALUES (1);");
        }

        await earlier.Database.MigrateAsync();

        await using var fresh = await TestAppStore.CreateAsync(TestStore.Postgres);
        var schema = await SchemaSnapshot.OfPostgresAsync(fresh.Store.ConnectionString!, "app");
        Assert.Contains("revoked_sessions | revoked_until | timestamp with time zone", schema, StringComparison.Ordinal);
        Assert.Equal(schema, await SchemaSnapshot.OfPostgresAsync(earlier.Store.ConnectionString!, "app"));
        Assert.Equal((Latest, Latest), await earlier.Database.SchemaVersionAsync(default));
        Assert.Equal(AppSchema.PostgresMigrationLock, await fresh.Store.QueryAsync<int>("SELECT hashtext('care-transitions app schema')"));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task RecordAsync_SameUnitFromManyInstancesAtOnce_StoresOneAcknowledgementWithOneAuditRow(string provider)
    {
        await using var store = await TestAppStore.CreateAsync(provider);
        var instances = Enumerable.Range(0, 6).Select(_ => store.NewDatabase()).ToList();
        var at = DateTimeOffset.UtcNow;

        var results = await Task.WhenAll(instances.Select((db, i) =>
            new AcknowledgementStore(db).RecordAsync("ct-1", "unit-1", $"Person {i}", at.AddSeconds(i), default)));

        var winner = Assert.Single(results, r => r.IsNew);
        Assert.All(results, r => Assert.Equal(winner.Acknowledgement, r.Acknowledgement));
        var audit = await new AuditLog(store.Database, TimeProvider.System).ForTransitionAsync("ct-1");
        Assert.Equal($"{winner.Acknowledgement.AcknowledgedBy} (unit-1)", Assert.Single(audit, a => a.Action == AuditActions.Acknowledged).Actor);
        await Task.WhenAll(instances.Select(i => i.DisposeAsync().AsTask()));
    }

    // The versions this release migrates to: each new script moves it, the assertions stay.
    private static readonly int Latest = AppSchema.For(StorageProvider.Sqlite).LatestVersion;

    private static string VersionTable(string provider) => provider == TestStore.Postgres ? "app.schema_versions" : "schema_versions";

    private static string AppDb(TestAppStore store) => Path.Combine(store.Directory, "app.db");
}
