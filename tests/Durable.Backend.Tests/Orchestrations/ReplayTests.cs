using System.Collections.Concurrent;

namespace Durable.Backend.Tests.Orchestrations;

public class ReplayTests
{
    [Theory, MemberData(nameof(DurableEngine.Both), MemberType = typeof(DurableEngine))]
    public async Task NewGuid_is_the_same_on_every_replay_and_differs_between_calls_and_instances(string engine)
    {
        var firstGuidSeen = new ConcurrentDictionary<string, ConcurrentBag<Guid>>();
        await using var durable = await DurableEngine.StartAsync(engine, r => r
            .AddOrchestratorFunc<Guid[]>("MakesGuids", async ctx =>
            {
                var first = ctx.NewGuid();
                firstGuidSeen.GetOrAdd(ctx.InstanceId, _ => []).Add(first);
                await ctx.CallActivityAsync<string>("Nothing");
                var second = ctx.NewGuid();
                await ctx.CallActivityAsync<string>("Nothing");
                return [first, second, ctx.NewGuid()];
            })
            .AddActivityFunc<string>("Nothing", _ => "nothing"));

        var one = (await durable.Client.RunAsync("MakesGuids")).ReadOutputAs<Guid[]>()!;
        var another = (await durable.Client.RunAsync("MakesGuids")).ReadOutputAs<Guid[]>()!;

        Assert.Equal(3, one.Distinct().Count());
        Assert.Empty(one.Intersect(another));
        var seen = Assert.Single(firstGuidSeen, kv => kv.Value.Contains(one[0])).Value;
        Assert.Equal(3, seen.Count); // Three executions of the first step: the first run and two replays.
        Assert.All(seen, g => Assert.Equal(one[0], g));
    }

    [Theory, MemberData(nameof(DurableEngine.Both), MemberType = typeof(DurableEngine))]
    public async Task IsReplaying_is_false_exactly_once_at_each_point_of_the_code(string engine)
    {
        var liveRuns = new ConcurrentDictionary<string, int>();
        var allRuns = new ConcurrentDictionary<string, int>();
        void Note(TaskOrchestrationContext ctx, string point)
        {
            allRuns.AddOrUpdate(point, 1, (_, n) => n + 1);
            if (!ctx.IsReplaying)
            {
                liveRuns.AddOrUpdate(point, 1, (_, n) => n + 1);
            }
        }

        await using var durable = await DurableEngine.StartAsync(engine, r => r
            .AddOrchestratorFunc<string>("NotesReplays", async ctx =>
            {
                Note(ctx, "start");
                await ctx.CallActivityAsync<string>("Nothing");
                Note(ctx, "after first");
                await ctx.CallActivityAsync<string>("Nothing");
                Note(ctx, "after second");
                return "done";
            })
            .AddActivityFunc<string>("Nothing", _ => "nothing"));

        await durable.Client.RunAsync("NotesReplays");

        Assert.Equal(new Dictionary<string, int> { ["start"] = 1, ["after first"] = 1, ["after second"] = 1 }, liveRuns);
        Assert.Equal(new Dictionary<string, int> { ["start"] = 3, ["after first"] = 2, ["after second"] = 1 }, allRuns);
    }

    [Theory, MemberData(nameof(DurableEngine.Both), MemberType = typeof(DurableEngine))]
    public async Task CurrentUtcDateTime_is_the_same_on_every_replay_of_a_step(string engine)
    {
        var startSeen = new ConcurrentBag<DateTime>();
        await using var durable = await DurableEngine.StartAsync(engine, r => r
            .AddOrchestratorFunc<DateTime>("NotesTime", async ctx =>
            {
                var start = ctx.CurrentUtcDateTime;
                startSeen.Add(start);
                await ctx.CallActivityAsync<string>("Nothing");
                await ctx.CallActivityAsync<string>("Nothing");
                return start;
            })
            .AddActivityFunc<string>("Nothing", _ => "nothing"));

        var done = await durable.Client.RunAsync("NotesTime");

        Assert.Equal(3, startSeen.Count);
        Assert.All(startSeen, t => Assert.Equal(done.ReadOutputAs<DateTime>(), t));
    }
}
