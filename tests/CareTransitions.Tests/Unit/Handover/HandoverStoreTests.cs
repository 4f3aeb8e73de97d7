using System.Text;
using CareTransitions.Handover;
using CareTransitions.Storage;
using CareTransitions.Tests.Infrastructure;

namespace CareTransitions.Tests.UnitTests.Handover;

/// <summary>The sealed handover store on both providers: versions, redeliveries, references, rotation and retention.</summary>
public sealed class HandoverStoreTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);

    private static HandoverInformation Info(string? name = "Tolvan Tolvansson", string? notes = null) =>
        new("191212121212", name, notes is null ? null : new HandoverPlan(
            new WardContact(new ContactPath("Avdelning 12, dag", "010-123 45 67"), new ContactPath("Jourhavande sjuksköterska", "010-123 45 99")),
            notes, new RehabilitationNeeds("Bedömning av boendemiljö", "Gångträning två gånger dagligen"),
            [new AssistiveDevice("Rollator", AssistiveDeviceState.Prescribed, "Kommunens rehab")], [new NextOfKin("Tolva Tolvansson", "dotter", "070-123 45 67")]));

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task SaveAsync_AddsAVersionOnlyWhenSomethingChanged_AndARedeliveryFindsItsOwn(string provider)
    {
        await using var store = await TestAppStore.CreateAsync(provider);
        var handovers = new HandoverStore(store.Database, TestCiphers.New());

        Assert.Equal((1, true), await handovers.SaveAsync("ct-1", "m1", Info(name: null), At, default));
        Assert.Equal((1, false), await handovers.SaveAsync("ct-1", "m2", Info(name: null), At, default));
        Assert.Equal((2, true), await handovers.SaveAsync("ct-1", "m3", Info(notes: "Hemgång med hemtjänst"), At.AddHours(1), default));
        Assert.Equal((2, true), await handovers.SaveAsync("ct-1", "m3", Info(notes: "Hemgång med hemtjänst"), At.AddHours(1), default));
        // A later message without a name or plan keeps the ones sent before.
        Assert.Equal((2, false), await handovers.SaveAsync("ct-1", "m4", Info(name: null), At.AddHours(2), default));

        var latest = await handovers.LatestAsync("ct-1", default);
        Assert.NotNull(latest);
        Assert.Equal(2, latest.Version);
        Assert.Equal("Tolvan Tolvansson", latest.Information.PatientName);
        Assert.Equal("Hemgång med hemtjänst", latest.Information.Plan!.PlanningNotes);
        Assert.Equal(AssistiveDeviceState.Prescribed, Assert.Single(latest.Information.Plan.AssistiveDevices).State);
        Assert.Equal([1, 2], (await handovers.HistoryAsync("ct-1", default)).Select(v => v.Version));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task SaveAsync_ManyMessagesOfOneEpisodeAtOnce_NumberTheirVersionsWithoutGapsOrLosses(string provider)
    {
        await using var store = await TestAppStore.CreateAsync(provider);
        var cipher = TestCiphers.New();
        var instances = Enumerable.Range(0, 6).Select(_ => new HandoverStore(store.NewDatabase(), cipher)).ToList();

        var saved = await Task.WhenAll(instances.Select((h, i) => h.SaveAsync("ct-1", $"m{i}", Info(notes: $"Plan {i}"), At, default)));

        Assert.All(saved, s => Assert.True(s.Added));
        Assert.Equal(Enumerable.Range(1, 6), saved.Select(s => s.Version).Order());
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task References_AreShortRandomUniqueAndFoundAsPeopleTypeThem(string provider)
    {
        await using var store = await TestAppStore.CreateAsync(provider);
        var references = new TransitionReferences(store.Database, TimeProvider.System);

        var made = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => references.EnsureAsync($"ct-{i}", default)));
        var again = await references.EnsureAsync("ct-7", default);

        Assert.NotEmpty(made);
        Assert.All(made, r => Assert.Matches("^VÖ-[2-9A-HJ-NP-Z]{4,}$", r));
        Assert.Equal(made.Length, made.Distinct().Count());
        Assert.Equal(made[7], again);
        Assert.Equal("ct-7", await references.TransitionOfAsync(made[7].ToLowerInvariant(), default));
        Assert.Equal("ct-7", await references.TransitionOfAsync(made[7][3..], default));
        Assert.Null(await references.TransitionOfAsync("VÖ-0000", default));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task RotateAsync_ResealsEveryRecordUnderTheNewKey_AndEveryRecordStaysReadable(string provider)
    {
        await using var store = await TestAppStore.CreateAsync(provider);
        var oldKey = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        var before = new PersonalDataCipher(new Dictionary<string, byte[]> { ["k1"] = oldKey }, "k1");
        for (var i = 0; i < 30; i++)
        {
            await new HandoverStore(store.Database, before).SaveAsync($"ct-{i}", $"m{i}", Info(notes: $"Plan {i}"), At, default);
            await new ConversationStore(store.Database, before).PostAsync($"ct-{i}", "1480-hemsjukvard", new ConversationEntry("Nina", "SE1", "Hemsjukvård", $"Hej {i}"), At, default);
        }

        var newKey = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        var after = new PersonalDataCipher(new Dictionary<string, byte[]> { ["k1"] = oldKey, ["k2"] = newKey }, "k2");
        var reported = new List<int>();
        var resealed = await new PersonalDataUpkeep(store.Database, after, TimeProvider.System).RotateAsync(new Progress<int>(reported.Add), default);

        Assert.Equal(60, resealed);
        Assert.Equal(0, await new PersonalDataUpkeep(store.Database, after, TimeProvider.System).RotateAsync(null, default));
        var onlyNewKey = new PersonalDataCipher(new Dictionary<string, byte[]> { ["k2"] = newKey }, "k2");
        for (var i = 0; i < 30; i++)
        {
            Assert.Equal($"Plan {i}", (await new HandoverStore(store.Database, onlyNewKey).LatestAsync($"ct-{i}", default))!.Information.Plan!.PlanningNotes);
            Assert.Equal($"Hej {i}", Assert.Single(await new ConversationStore(store.Database, onlyNewKey).ListAsync($"ct-{i}", default)).Entry.Text);
        }
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task DeleteEndedBeforeAsync_RemovesOnlyTransitionsEndedLongEnoughAgo(string provider)
    {
        await using var store = await TestAppStore.CreateAsync(provider);
        var cipher = TestCiphers.New();
        var references = new TransitionReferences(store.Database, TimeProvider.System);
        var upkeep = new PersonalDataUpkeep(store.Database, cipher, TimeProvider.System);
        foreach (var id in new[] { "ct-old", "ct-recent", "ct-open" })
        {
            await references.EnsureAsync(id, default);
            await new HandoverStore(store.Database, cipher).SaveAsync(id, $"m-{id}", Info(notes: "Plan"), At, default);
            await new ConversationStore(store.Database, cipher).PostAsync(id, "u", new ConversationEntry("A", "SE1", "U", "Hej"), At, default);
        }

        await upkeep.MarkEndedAsync("ct-old", At.AddDays(-40), default);
        await upkeep.MarkEndedAsync("ct-recent", At.AddDays(-5), default);

        Assert.Equal(1, await upkeep.DeleteEndedBeforeAsync(At.AddDays(-30), default));

        var handovers = new HandoverStore(store.Database, cipher);
        Assert.Null(await handovers.LatestAsync("ct-old", default));
        Assert.Empty(await new ConversationStore(store.Database, cipher).ListAsync("ct-old", default));
        Assert.Null(await references.FindAsync("ct-old", default));
        Assert.NotNull(await handovers.LatestAsync("ct-recent", default));
        Assert.NotNull(await handovers.LatestAsync("ct-open", default));
    }
}
