using Dashboard.Demo;
using Dashboard.Statistics;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Statistics;

/// <summary>The fast snapshot against the plain GROUP BY reference, on random synthetic data and random filters.</summary>
public abstract class SnapshotMatchesNaiveTests : IAsyncLifetime
{
    private TempStatistics _store = null!;

    /// <summary><see cref="TempStatistics.Sqlite"/> or <see cref="TempStatistics.Postgres"/>.</summary>
    protected abstract string Provider { get; }

    public async Task InitializeAsync() => _store = await TempStatistics.CreateAsync(Provider);

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task Compute_RandomOutcomesAndFilters_SnapshotEqualsNaive()
    {
        var options = new DemoOptions(Count: 1_500, Seed: 7, Start: new DateOnly(2023, 1, 1), Days: 400, ImprovementDate: new DateOnly(2023, 9, 1));
        var generator = new DemoOutcomeGenerator(options);
        var outcomes = generator.Generate().ToList();
        await _store.Recorder.RecordManyAsync(outcomes.Take(1_000).ToList());
        _store.Snapshot.Compute(new StatisticsFilter(new DateOnly(2023, 1, 1), new DateOnly(2023, 2, 1)));
        // Recorded after the snapshot first loaded, with some replacements, so incremental refresh is exercised too.
        await _store.Recorder.RecordManyAsync(outcomes.Skip(1_000).ToList());
        await _store.Recorder.RecordManyAsync(outcomes.Take(50).Select(o => o with { DaysReadyForDischarge = o.DaysReadyForDischarge + 1 }).ToList());

        var random = new Random(11);
        var municipalities = outcomes.Select(o => o.MunicipalityCode).Distinct().ToList();
        var wards = outcomes.Select(o => o.WardHsaId).Distinct().ToList();
        for (var i = 0; i < 12; i++)
        {
            var from = options.Start.AddDays(random.Next(0, 200));
            var to = from.AddDays(random.Next(0, 250));
            var filter = new StatisticsFilter(
                from,
                to,
                random.Next(3) == 0 ? municipalities[random.Next(municipalities.Count)] : null,
                random.Next(5) == 0 ? wards[random.Next(wards.Count)] : null,
                random.Next(3) == 0 ? random.Next(2) : null,
                random.Next(3) == 0 ? 1 << random.Next(5) : 0,
                to > from && random.Next(2) == 0 ? from.AddDays(random.Next(1, to.DayNumber - from.DayNumber + 1)) : null);

            var fast = ReportJson.Of(_store.Snapshot.Compute(filter));
            var naive = ReportJson.Of(_store.Naive.Compute(filter));

            Assert.Equal(naive, fast);
        }
        var all = _store.Snapshot.Compute(new StatisticsFilter(options.Start, options.Start.AddDays(options.Days)));
        Assert.Equal(outcomes.Count, all.Period.Episodes);
        Assert.True(all.Period.ReadmittedWithin30Days > 0, "the generator should produce some readmissions");
    }

    [Fact]
    public async Task Compute_WriteFromAnotherConnection_IsSeenOnTheNextQuery()
    {
        var filter = new StatisticsFilter(new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 31));
        await _store.RecordAsync(Outcome.Discharged(Outcome.Jan10, 1));
        Assert.Equal(1, _store.Snapshot.Compute(filter).Period.Episodes);

        // Another process (the demo-data command, another instance) writes through its own database object.
        using var otherDatabase = _store.NewDatabase();
        var other = new Dashboard.Storage.OutcomeRecorder(otherDatabase);
        await other.RecordAsync(Outcome.Discharged(Outcome.Jan10, 2));

        Assert.Equal(2, _store.Snapshot.Compute(filter).Period.Episodes);
    }

    [Fact]
    public async Task Compute_ManyReplacedOutcomes_StillEqualsNaiveAfterUnitsAreCompacted()
    {
        var options = new DemoOptions(Count: 200, Seed: 5, Start: new DateOnly(2024, 1, 1), Days: 60, ImprovementDate: new DateOnly(2024, 2, 1));
        var outcomes = new DemoOutcomeGenerator(options).Generate().ToList();
        var filter = new StatisticsFilter(options.Start, options.Start.AddDays(options.Days), CompareDate: options.ImprovementDate);
        await _store.Recorder.RecordManyAsync(outcomes);
        _store.Snapshot.Compute(filter);

        // Every other outcome replaced with one unit fewer, in three rounds: far past the compaction threshold.
        for (var round = 0; round < 3; round++)
        {
            await _store.Recorder.RecordManyAsync(outcomes.Where((_, i) => i % 2 == round % 2)
                .Select(o => o with { Units = o.Units.Skip(round % 2).ToList() }).ToList());
            Assert.Equal(ReportJson.Of(_store.Naive.Compute(filter)), ReportJson.Of(_store.Snapshot.Compute(filter)));
        }
    }
}

/// <summary>The snapshot against the reference on a SQLite file.</summary>
public sealed class SnapshotMatchesNaiveOnSqliteTests : SnapshotMatchesNaiveTests
{
    protected override string Provider => TempStatistics.Sqlite;
}

/// <summary>The snapshot against the reference on PostgreSQL (both run the same SQL there).</summary>
public sealed class SnapshotMatchesNaiveOnPostgresTests : SnapshotMatchesNaiveTests
{
    protected override string Provider => TempStatistics.Postgres;
}
