using System.Data.Common;
using CareTransitions.AccessLogging;
using CareTransitions.Privacy;
using CareTransitions.Storage;
using CareTransitions.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CareTransitions.Tests.UnitTests;

/// <summary>The access log of patient data on a real app.db and a real PostgreSQL database.</summary>
public sealed class AccessLogTests
{
    // 2026-05-01 10:00 Swedish summer time.
    private static readonly DateTimeOffset Start = new(2026, 5, 1, 8, 0, 0, TimeSpan.Zero);

    private static AccessLogEntry Entry(string person, string? transition, string? reference, AccessOutcome outcome = AccessOutcome.Shown) =>
        new(person, $"Namn {person[^2..]}", "SE2120001480-hemsjukvard", transition, reference, "patientuppgifter, planering, samtal", outcome);

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task RecordAsync_ThenSearch_FindsEveryFieldNewestFirst(string provider)
    {
        await using var store = await TestAppStore.CreateAsync(provider);
        var clock = new FakeTimeProvider(Start);
        var log = new AccessLog(store.Database, clock);

        await log.RecordAsync(Entry("SE2321000131-P01", "ct-1", "VÖ-7KQ2"));
        clock.Advance(TimeSpan.FromMinutes(1));
        await log.RecordAsync(new AccessLogEntry("SE2321000131-P02", "Olle Obehörig", null, "ct-1", "VÖ-7KQ2", "patientuppgifter", AccessOutcome.Refused));

        var rows = await log.SearchAsync(new AccessLogQuery(), 10);

        Assert.Equal(["SE2321000131-P02", "SE2321000131-P01"], rows.Select(r => r.Entry.PersonHsaId));
        Assert.Equal(new AccessLogEntry("SE2321000131-P02", "Olle Obehörig", null, "ct-1", "VÖ-7KQ2", "patientuppgifter", AccessOutcome.Refused), rows[0].Entry);
        Assert.Equal((Start.AddMinutes(1), Start), (rows[0].At, rows[1].At));
        Assert.True(rows[0].Id > rows[1].Id);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task SearchAsync_EachFilter_NarrowsToItsRows(string provider)
    {
        await using var store = await TestAppStore.CreateAsync(provider);
        var clock = new FakeTimeProvider(Start);
        var log = new AccessLog(store.Database, clock);
        await log.RecordAsync(Entry("SE2321000131-P01", "ct-1", "VÖ-AAAA"));
        // 23:30 Swedish time on 1 May: still that day, though 21:30 UTC.
        clock.SetUtcNow(new DateTimeOffset(2026, 5, 1, 21, 30, 0, TimeSpan.Zero));
        await log.RecordAsync(Entry("SE2321000131-P02", "ct-1", "VÖ-AAAA", AccessOutcome.Refused));
        clock.SetUtcNow(new DateTimeOffset(2026, 5, 1, 22, 30, 0, TimeSpan.Zero)); // 00:30 on 2 May
        await log.RecordAsync(Entry("SE2321000131-P01", "ct-2", "VÖ-BBBB"));
        clock.Advance(TimeSpan.FromDays(3));
        await log.RecordAsync(new AccessLogEntry("SE2321000131-P03", "Sam", null, null, null, "hela loggen", AccessOutcome.Search));

        async Task<string[]> Find(AccessLogQuery query, int limit = 10) =>
            [.. (await log.SearchAsync(query, limit)).Select(r => $"{r.Entry.PersonHsaId[^3..]}:{r.Entry.TransitionId}")];

        Assert.Equal(["P01:ct-2", "P01:ct-1"], await Find(new(PersonHsaId: "SE2321000131-P01")));
        Assert.Equal(["P02:ct-1", "P01:ct-1"], await Find(new(TransitionOrReference: "ct-1")));
        Assert.Equal(["P01:ct-2"], await Find(new(TransitionOrReference: "VÖ-BBBB")));
        Assert.Equal(["P02:ct-1", "P01:ct-1"], await Find(new(To: new DateOnly(2026, 5, 1))));
        Assert.Equal(["P03:", "P01:ct-2"], await Find(new(From: new DateOnly(2026, 5, 2))));
        Assert.Equal(["P01:ct-2"], await Find(new(From: new DateOnly(2026, 5, 2), To: new DateOnly(2026, 5, 2))));
        Assert.Equal(["P02:ct-1"], await Find(new(Outcome: AccessOutcome.Refused)));
        Assert.Equal(["P03:"], await Find(new(Outcome: AccessOutcome.Search)));
        Assert.Equal(["P01:ct-1"], await Find(new(PersonHsaId: "SE2321000131-P01", TransitionOrReference: "VÖ-AAAA", Outcome: AccessOutcome.Shown)));
        Assert.Empty(await Find(new(PersonHsaId: "SE2321000131-P99")));
        Assert.Equal(["P03:", "P01:ct-2"], await Find(new(), limit: 2));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Update_OfAnEntry_IsRefusedByTheDatabase(string provider)
    {
        await using var store = await TestAppStore.CreateAsync(provider);
        var log = new AccessLog(store.Database, new FakeTimeProvider(Start));
        await log.RecordAsync(Entry("SE2321000131-P01", "ct-1", "VÖ-7KQ2"));

        await using var connection = await store.Database.OpenAsync();
        var refused = await Assert.ThrowsAnyAsync<DbException>(() => connection.ExecuteAsync("UPDATE access_log SET person_hsa_id = 'SE2321000131-P99'"));

        Assert.Contains("access_log is append-only", refused.Message, StringComparison.Ordinal);
        Assert.Equal("SE2321000131-P01", Assert.Single(await log.SearchAsync(new AccessLogQuery(), 10)).Entry.PersonHsaId);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task RetentionCleanup_DeletesOnlyEntriesOlderThanTheRetention(string provider)
    {
        await using var store = await TestAppStore.CreateAsync(provider);
        var clock = new FakeTimeProvider(Start);
        var log = new AccessLog(store.Database, clock);
        await log.RecordAsync(Entry("SE2321000131-P01", "ct-old", null));
        clock.Advance(TimeSpan.FromDays(20));
        await log.RecordAsync(Entry("SE2321000131-P01", "ct-kept", null));
        clock.Advance(TimeSpan.FromDays(11));
        var cleanup = new RetentionCleanup(
            store.Database, new CareTransitions.Handover.PersonalDataUpkeep(store.Database, TestCiphers.New(), clock), Options.Create(new CareTransitions.Handover.PersonalDataOptions()),
            log, Options.Create(new AccessLogOptions { Retention = TimeSpan.FromDays(30) }), clock, NullLogger<RetentionCleanup>.Instance);

        await cleanup.RunOnceAsync(default);

        Assert.Equal(["ct-kept"], (await log.SearchAsync(new AccessLogQuery(), 10)).Select(r => r.Entry.TransitionId));
    }

    [Fact]
    public void Validate_RetentionNotPositive_IsOneLineNamingTheKey()
    {
        Assert.True(new AccessLogOptionsValidator().Validate(null, new AccessLogOptions()).Succeeded);
        Assert.Equal(TimeSpan.FromDays(3650), new AccessLogOptions().Retention);
        var problem = Assert.Single(new AccessLogOptionsValidator().Validate(null, new AccessLogOptions { Retention = TimeSpan.Zero }).Failures!);
        Assert.StartsWith("AccessLog:Retention=", problem, StringComparison.Ordinal);
    }
}
