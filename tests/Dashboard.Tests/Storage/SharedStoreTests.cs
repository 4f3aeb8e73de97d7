using Dashboard.Demo;
using Dashboard.Statistics;
using Dashboard.Storage;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Storage;

/// <summary>Several service instances on one statistics store: they migrate it together and write it at once.</summary>
public sealed class SharedStoreTests
{
    [Theory]
    [MemberData(nameof(TempStatistics.Providers), MemberType = typeof(TempStatistics))]
    public async Task MigrateAsync_SeveralInstancesAtOnce_MigrateTheSchemaOnce(string provider)
    {
        await using var store = await TempStatistics.CreateAsync(provider, migrate: false);
        var instances = Enumerable.Range(0, 4).Select(_ => store.NewDatabase()).ToList();

        await Task.WhenAll(instances.Select(i => Task.Run(() => i.MigrateAsync(CancellationToken.None))));

        using var connection = store.Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = provider == TempStatistics.Postgres ? "SELECT count(*) FROM statistics.schema_versions" : "SELECT count(*) FROM schema_versions";
        // One row per version, each written once however many instances raced.
        Assert.Equal((long)Dashboard.Storage.StatisticsSchema.For(postgres: false).LatestVersion, Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
        instances.ForEach(i => i.Dispose());
    }

    [Theory]
    [MemberData(nameof(TempStatistics.Providers), MemberType = typeof(TempStatistics))]
    public async Task RecordManyAsync_WritersInSeveralInstancesWhileTheSnapshotRefreshes_TheSnapshotEndsWithEveryOutcome(string provider)
    {
        await using var store = await TempStatistics.CreateAsync(provider);
        var options = new DemoOptions(Count: 400, Seed: 3, Start: new DateOnly(2024, 1, 1), Days: 120, ImprovementDate: new DateOnly(2024, 3, 1));
        var outcomes = new DemoOutcomeGenerator(options).Generate().ToList();
        var filter = new StatisticsFilter(options.Start, options.Start.AddDays(options.Days), CompareDate: options.ImprovementDate);
        var instances = Enumerable.Range(0, 4).Select(_ => store.NewDatabase()).ToList();
        using var writing = new CancellationTokenSource();

        // The reader refreshes incrementally the whole time, so a change sequence committed out of order would be skipped for good.
        var reading = Task.Run(async () =>
        {
            while (!writing.IsCancellationRequested)
            {
                store.Snapshot.Compute(filter);
                await Task.Delay(5);
            }
        });
        await Task.WhenAll(instances.Select((database, i) => Task.Run(async () =>
        {
            var recorder = new OutcomeRecorder(database);
            foreach (var batch in outcomes.Where((_, n) => n % instances.Count == i).Chunk(5))
            {
                await recorder.RecordManyAsync(batch);
            }
        })));
        await writing.CancelAsync();
        await reading;

        Assert.Equal((long)outcomes.Count, store.Snapshot.Compute(filter).Period.Episodes);
        Assert.Equal(ReportJson.Of(store.Naive.Compute(filter)), ReportJson.Of(store.Snapshot.Compute(filter)));
        instances.ForEach(i => i.Dispose());
    }
}
