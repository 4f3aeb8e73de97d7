using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.Storage;

namespace Dashboard.Tests.Storage;

/// <summary>Where the statistics store is, from Statistics:DatabasePath, Statistics:Provider and Statistics:PostgresConnectionString or the app data's keys.</summary>
public sealed class StatisticsStoreTopologyTests
{
    private static StorageTopology Resolve(params (string Key, string Value)[] values) => StorageTopology.Resolve(new ConfigurationBuilder()
        .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
        .Build());

    [Fact]
    public void Resolve_DatabasePath_IsTheFile() =>
        Assert.Equal("/tmp/x.db", Resolve(("Statistics:DatabasePath", "/tmp/x.db")).Statistics.SqlitePath);

    [Fact]
    public void Resolve_NoStatisticsKeys_IsStatisticsDbInTheStorageDirectory()
    {
        var storage = Resolve(("Storage:Directory", "/srv/ct"));

        Assert.Equal((StorageProvider.Sqlite, "/srv/ct/statistics.db"), (storage.Statistics.Provider, storage.Statistics.SqlitePath));
    }

    [Fact]
    public void Resolve_PostgresWithItsConnectionString_IsThatDatabase()
    {
        var storage = Resolve(("Statistics:Provider", "PostgreSQL"), ("Statistics:PostgresConnectionString", "Host=stats;Database=stats"));

        Assert.Equal((StorageProvider.Postgres, "Host=stats;Database=stats"), (storage.Statistics.Provider, storage.Statistics.PostgresConnectionString));
        Assert.Empty(storage.Problems);
    }

    [Fact]
    public void Resolve_UnknownProvider_NamesTheKey() =>
        Assert.Equal(
            "Statistics:Provider='Oracle' is not a store: use Sqlite (the default) or Postgres, or leave it unset to follow Storage:Provider.",
            Assert.Single(Resolve(("Statistics:Provider", "Oracle")).Problems));

    [Fact]
    public void Resolve_PostgresWithoutConnectionString_NamesTheKey() =>
        Assert.StartsWith("Statistics:PostgresConnectionString is not set",
            Assert.Single(Resolve(("Statistics:Provider", "Postgres")).Problems), StringComparison.Ordinal);

    [Fact]
    public void AddDashboard_UnknownProvider_FailsAtOptionsNotAtRegistration()
    {
        var services = new ServiceCollection();
        services.AddDashboard(new ConfigurationBuilder().AddInMemoryCollection([KeyValuePair.Create("Statistics:Provider", (string?)"Oracle")]).Build());
        using var provider = services.BuildServiceProvider();

        var refused = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<StorageTopology>>().Value);

        Assert.StartsWith("Statistics:Provider='Oracle'", Assert.Single(refused.Failures), StringComparison.Ordinal);
    }
}
