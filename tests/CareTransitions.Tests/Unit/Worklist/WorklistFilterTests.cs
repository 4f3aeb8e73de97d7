using CareTransitions.Workflow;
using CareTransitions.Worklist;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using static CareTransitions.Tests.UnitTests.Worklist.WorklistStatuses;

namespace CareTransitions.Tests.UnitTests.Worklist;

public sealed class WorklistFilterTests
{
    private static readonly DateTimeOffset Now = Local(2026, 3, 10, 10);

    private static WorklistFilter Parse(params (string Key, string Value)[] query) =>
        WorklistFilter.Parse(new QueryCollection(query.ToDictionary(q => q.Key, q => new StringValues(q.Value))));

    private static WorklistRow Row(string id, TransitionStatus status, int createdDaysAgo = 1) =>
        WorklistDeadlines.Judge(id, Now.AddDays(-createdDaysAgo), status with { Reference = "VÖ-" + id.ToUpperInvariant() }, true, Now, _ => 930_000);

    [Fact]
    public void Parse_NoQuery_IsEveryOpenTransitionWithoutProblems()
    {
        var filter = Parse();

        Assert.Equal(new WorklistFilter("", "", "", ""), filter);
        Assert.Empty(filter.Problems());
        Assert.Equal("", filter.QueryString());
        Assert.Equal("alla öppna", filter.Describe());
    }

    [Fact]
    public void Parse_KnownValues_TrimsAndRoundTripsThroughTheQueryString()
    {
        var filter = Parse(("lage", " forsenat "), ("fas", "utskrivningsklar"), ("sok", " VÖ 7K&Q "), ("sortera", "nyast"));

        Assert.Equal(new WorklistFilter("forsenat", "utskrivningsklar", "VÖ 7K&Q", "nyast"), filter);
        Assert.Empty(filter.Problems());
        Assert.Equal("?lage=forsenat&fas=utskrivningsklar&sok=V%C3%96%207K%26Q&sortera=nyast", filter.QueryString());
        Assert.Equal("läge=forsenat; fas=utskrivningsklar; sök=VÖ 7K&Q; sortera=nyast", filter.Describe());
    }

    [Fact]
    public void Problems_UnknownValues_NameEachFieldInSwedish()
    {
        var problems = Parse(("lage", "x"), ("fas", "klar"), ("sortera", "senast")).Problems();

        Assert.Equal(
            [("lage", "Läge: välj ett av alternativen i listan."), ("fas", "Fas: välj ett av alternativen i listan."), ("sortera", "Sortering: välj ett av alternativen i listan.")],
            problems);
    }

    [Fact]
    public void Parse_LongSearch_IsCappedAt100Characters() => Assert.Equal(100, Parse(("sok", new string('a', 500))).Search.Length);

    [Fact]
    public void Apply_DefaultSort_PutsOverdueFirstThenTheNearestDeadline()
    {
        var onTrack = Row("a", Status(Deadlines() with { SipRequired = true, SipDue = new DateOnly(2026, 3, 20) }), createdDaysAgo: 9);
        var soonLater = Row("b", Status(Deadlines() with { AdmittedAt = Now.AddHours(-10), AdmissionNoticeDue = Now.AddHours(14) }));
        var soonFirst = Row("c", Status(Deadlines() with { AdmittedAt = Now.AddHours(-20), AdmissionNoticeDue = Now.AddHours(4) }));
        var overdue = Row("d", Status(Deadlines() with { PaymentResponsibilityFrom = new DateOnly(2026, 3, 9) }), createdDaysAgo: 0);

        Assert.Equal(["d", "c", "b", "a"], Parse().Apply([onTrack, soonLater, soonFirst, overdue]).Select(r => r.Id));
    }

    [Fact]
    public void Apply_SituationPhaseAndSearch_KeepOnlyMatchingRows()
    {
        var overdue = Row("d", Status(Deadlines() with { PaymentResponsibilityFrom = new DateOnly(2026, 3, 9) }) with { Phase = TransitionPhase.ReadyForDischarge });
        var waiting = Row("w", Status(units: Unit("1480-samordning", notified: Now)));
        var quiet = Row("q", Status());

        Assert.Equal(["d"], Parse(("lage", "forsenat")).Apply([overdue, waiting, quiet]).Select(r => r.Id));
        Assert.Equal(["w"], Parse(("lage", "okvitterat")).Apply([overdue, waiting, quiet]).Select(r => r.Id));
        Assert.Equal(["d"], Parse(("fas", "utskrivningsklar")).Apply([overdue, waiting, quiet]).Select(r => r.Id));
        Assert.Equal(["q"], Parse(("sok", "vö-q")).Apply([overdue, waiting, quiet]).Select(r => r.Id));
    }

    [Fact]
    public void Apply_OtherSorts_OrderByAgeOrReference()
    {
        var older = Row("b", Status(), createdDaysAgo: 5);
        var newer = Row("a", Status(), createdDaysAgo: 1);

        Assert.Equal(["a", "b"], Parse(("sortera", "nyast")).Apply([older, newer]).Select(r => r.Id));
        Assert.Equal(["b", "a"], Parse(("sortera", "aldst")).Apply([newer, older]).Select(r => r.Id));
        Assert.Equal(["a", "b"], Parse(("sortera", "referens")).Apply([older, newer]).Select(r => r.Id));
    }
}
