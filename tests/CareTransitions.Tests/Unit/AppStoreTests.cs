using CareTransitions.Acknowledgements;
using CareTransitions.Audit;
using CareTransitions.Storage;
using CareTransitions.Tests.Infrastructure;

namespace CareTransitions.Tests.UnitTests;

/// <summary>The app store's schema and its exactly-once writes, on both providers, with several "instances" (stores of their own) at once.</summary>
public sealed class AppStoreTests
{
    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task MigrateAsync_SeveralInstancesStartingAtOnce_CreateTheSchemaOnce(string provider)
    {
        await using var store = await TestAppStore.CreateAsync(provider);
        var instances = Enumerable.Range(0, 4).Select(_ => store.NewDatabase()).ToList();

        await Task.WhenAll(instances.Select(i => i.MigrateAsync()));

        await using var connection = await store.Database.OpenAsync();
        var version = provider == TestStore.Postgres
            ? await connection.QuerySingleOrDefaultAsync("SELECT count(*) FROM app.schema_versions", null, r => Convert.ToInt64(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture))
            : await connection.QuerySingleOrDefaultAsync("PRAGMA user_version", null, r => r.GetInt64(0));
        Assert.Equal(2, version);
        await Task.WhenAll(instances.Select(i => i.DisposeAsync().AsTask()));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task MigrateAsync_SchemaOfANewerService_IsRefusedSayingWhatToDo(string provider)
    {
        await using var store = await TestAppStore.CreateAsync(provider);
        await using (var connection = await store.Database.OpenAsync())
        {
            await connection.ExecuteAsync(provider == TestStore.Postgres ? "INSERT INTO app.schema_versions (version) VALUES (99)" : "PRAGMA user_version = 99");
        }

        await using var newer = store.NewDatabase();
        var refused = await Assert.ThrowsAsync<StorageConfigurationException>(() => newer.MigrateAsync());

        Assert.Contains("schema version 99, newer than this service's 2", refused.Message, StringComparison.Ordinal);
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
}
