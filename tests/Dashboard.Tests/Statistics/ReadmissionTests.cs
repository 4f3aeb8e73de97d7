using Dashboard.Statistics;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Statistics;

public sealed class ReadmissionTests : IDisposable
{
    private readonly TempStatistics _store = new();
    private static readonly StatisticsFilter Year2024 = new(new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31));
    private static readonly TimeSpan Cet = TimeSpan.FromHours(1);

    [Fact]
    public async Task Compute_NewAdmissionOnDay30_CountsPreviousDischargeAsReadmitted()
    {
        // Admissions 30 days after a discharge count (3 Feb → 4 Mar, 7 Mar → 6 Apr); 31 days (9 Apr → 10 May) does not.
        var first = Outcome.Discharged(new DateTimeOffset(2024, 2, 1, 9, 0, 0, Cet), 2, patient: "a");
        var second = Outcome.Discharged(new DateTimeOffset(2024, 3, 6, 9, 0, 0, Cet), 1, patient: "a"); // admitted 4 Mar, discharged 7 Mar
        var third = Outcome.Discharged(new DateTimeOffset(2024, 4, 8, 9, 0, 0, Cet), 1, patient: "a");  // admitted 6 Apr, discharged 9 Apr
        var fourth = Outcome.Discharged(new DateTimeOffset(2024, 5, 12, 9, 0, 0, TimeSpan.FromHours(2)), 1, patient: "a"); // admitted 10 May
        await _store.RecordAsync(first, second, third, fourth);

        var period = _store.Compute(Year2024).Period;

        Assert.Equal((4L, 2L), (period.Discharged, period.ReadmittedWithin30Days));
        Assert.Equal(0.5, period.ReadmissionShare);
    }

    [Fact]
    public async Task Compute_ReadmissionRecordedBeforeTheEpisodeItFollows_StillFlagsTheEarlierEpisode()
    {
        var earlier = Outcome.Discharged(new DateTimeOffset(2024, 2, 1, 9, 0, 0, Cet), 2, patient: "b");
        var later = Outcome.Discharged(new DateTimeOffset(2024, 2, 20, 9, 0, 0, Cet), 1, patient: "b");
        await _store.RecordAsync(later);
        _store.Compute(Year2024);
        await _store.RecordAsync(earlier);

        var february = _store.Compute(new StatisticsFilter(new DateOnly(2024, 2, 1), new DateOnly(2024, 2, 5))).Period;

        Assert.Equal(1, february.ReadmittedWithin30Days);
    }

    [Fact]
    public async Task Compute_ReplacedLaterEpisodeMovesOutOfWindow_ClearsTheReadmission()
    {
        var earlier = Outcome.Discharged(new DateTimeOffset(2024, 2, 1, 9, 0, 0, Cet), 2, patient: "c");
        var later = Outcome.Discharged(new DateTimeOffset(2024, 2, 20, 9, 0, 0, Cet), 1, patient: "c");
        await _store.RecordAsync(earlier, later);
        Assert.Equal(1, _store.Compute(Year2024).Period.ReadmittedWithin30Days);

        await _store.RecordAsync(later with { AdmittedAt = new DateTimeOffset(2024, 4, 1, 9, 0, 0, Cet) });

        Assert.Equal(0, _store.Compute(Year2024).Period.ReadmittedWithin30Days);
    }

    [Fact]
    public async Task Compute_NoAdmissionNotice_UsesReadyForDischargeAsTheNewEpisodesStart()
    {
        var earlier = Outcome.Discharged(new DateTimeOffset(2024, 2, 1, 9, 0, 0, Cet), 2, patient: "d");
        var later = Outcome.Discharged(new DateTimeOffset(2024, 2, 25, 9, 0, 0, Cet), 1, patient: "d") with { AdmittedAt = null, AdmissionNoticeAt = null };
        var otherPatient = Outcome.Discharged(new DateTimeOffset(2024, 2, 10, 9, 0, 0, Cet), 1, patient: "e");
        await _store.RecordAsync(earlier, later, otherPatient);

        Assert.Equal(1, _store.Compute(Year2024).Period.ReadmittedWithin30Days);
    }

    public void Dispose() => _store.Dispose();
}
