using CareTransitions.Handover;
using CareTransitions.Tests.Infrastructure;
using CareTransitions.Worklist;

namespace CareTransitions.Tests.UnitTests.Worklist;

/// <summary>The work list's store query on both providers: a scope's open transitions by municipality or sending ward, and older ones backfilled.</summary>
public sealed class WorklistCandidatesTests
{
    private const string Ward = "SE2321000131-E000000012345";
    private const string OtherWard = "SE2321000131-E000000099999";

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task StoredOpenAsync_MunicipalityOrWard_FindsOnlyOpenTransitionsInScope(string provider)
    {
        await using var store = await TestAppStore.CreateAsync(provider);
        var references = new TransitionReferences(store.Database, TimeProvider.System);
        await references.EnsureAsync("ct-1480-a", "1480", OtherWard, default);
        await references.EnsureAsync("ct-1480-ended", "1480", OtherWard, default);
        await references.EnsureAsync("ct-1401-own-ward", "1401", Ward, default);
        await references.EnsureAsync("ct-1401-other", "1401", OtherWard, default);
        await new PersonalDataUpkeep(store.Database, TestCiphers.New(), TimeProvider.System).MarkEndedAsync("ct-1480-ended", at: null, default);
        var candidates = new WorklistCandidates(store.Database, new Workflow.OpenTransitionStatuses());

        Assert.Equal(["ct-1480-a"], (await candidates.StoredOpenAsync(["1480"], [], default)).Order());
        Assert.Equal(["ct-1401-own-ward"], (await candidates.StoredOpenAsync([], [Ward], default)).Order());
        Assert.Equal(["ct-1401-own-ward", "ct-1480-a"], (await candidates.StoredOpenAsync(["1480"], [Ward, "SE2120001480-samordning"], default)).Order());
        Assert.Empty(await candidates.StoredOpenAsync([], [], default));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task RecordScopeAsync_AnOlderTransitionWithoutScope_AppearsOnceBackfilledAndIntakesScopeStays(string provider)
    {
        await using var store = await TestAppStore.CreateAsync(provider);
        var references = new TransitionReferences(store.Database, TimeProvider.System);
        // Started before schema 0006: a reference but no scope.
        await references.EnsureAsync("ct-older", default);
        await references.EnsureAsync("ct-new", "1480", OtherWard, default);
        var candidates = new WorklistCandidates(store.Database, new Workflow.OpenTransitionStatuses());
        Assert.Equal(["ct-new"], await candidates.StoredOpenAsync(["1480"], [], default));

        Assert.True(await candidates.RecordScopeAsync(new ScopedTransition("ct-older", "1480", Ward), default));
        Assert.True(await candidates.RecordScopeAsync(new ScopedTransition("ct-new", "1401", Ward), default));
        Assert.False(await candidates.RecordScopeAsync(new ScopedTransition("ct-before-references", "1480", Ward), default));

        Assert.Equal(["ct-new", "ct-older"], (await candidates.StoredOpenAsync(["1480"], [], default)).Order());
        Assert.Equal(["ct-older"], await candidates.StoredOpenAsync(["1401"], [Ward], default));
    }
}
