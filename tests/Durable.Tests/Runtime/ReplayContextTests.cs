using System.Collections.Concurrent;
using Durable.Testing;
using Microsoft.Extensions.Logging;

namespace Durable.Tests.Runtime;

public sealed record Progress(string Phase, int Done);

public class ReplayContextTests
{
    [Fact]
    public async Task CurrentUtcDateTime_IsTheSameOnEveryReplayOfAStep()
    {
        var seenAtStart = new ConcurrentQueue<DateTime>();
        var seenAfterFirst = new ConcurrentQueue<DateTime>();
        await using var host = await DurableTestHost.StartAsync(d => d
            .AddOrchestratorFunc<string, DateTime[]>("Clock", async (ctx, _) =>
            {
                var t0 = ctx.CurrentUtcDateTime;
                seenAtStart.Enqueue(t0);
                await ctx.CallActivityAsync<string>("Work");
                var t1 = ctx.CurrentUtcDateTime;
                seenAfterFirst.Enqueue(t1);
                await ctx.CallActivityAsync<string>("Work");
                return [t0, t1, ctx.CurrentUtcDateTime];
            })
            .AddActivityFunc<string, string>("Work", (_, _) => Task.FromResult("ok")));
        var before = DateTime.UtcNow;

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Clock");
        var done = await host.CompletionAsync(id);

        var times = done.ReadOutputAs<DateTime[]>()!;
        Assert.Equal(3, seenAtStart.Count); // Run once per step: start and after each activity.
        Assert.All(seenAtStart, t => Assert.Equal(times[0], t));
        Assert.Equal(2, seenAfterFirst.Count);
        Assert.All(seenAfterFirst, t => Assert.Equal(times[1], t));
        Assert.True(before <= times[0] && times[0] < times[1] && times[1] < times[2], string.Join(" ", times.Select(t => t.ToString("O"))));
        Assert.True(times[2] <= DateTime.UtcNow);
    }

    [Fact]
    public async Task NewGuid_IsTheSameOnEveryReplayAndDiffersBetweenCallsAndInstances()
    {
        var firstGuids = new ConcurrentQueue<Guid>();
        await using var host = await DurableTestHost.StartAsync(d => d
            .AddOrchestratorFunc<string, Guid[]>("Guids", async (ctx, _) =>
            {
                var first = ctx.NewGuid();
                firstGuids.Enqueue(first);
                ctx.SetCustomStatus(first);
                await ctx.WaitForExternalEvent<string>("Continue");
                var second = ctx.NewGuid();
                await ctx.CallActivityAsync<string>("Work");
                return [first, second, ctx.NewGuid()];
            })
            .AddActivityFunc<string, string>("Work", (_, _) => Task.FromResult("ok")));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Guids");
        var other = await host.Client.ScheduleNewOrchestrationInstanceAsync("Guids");
        var running = await host.RunningAsync(id);
        await host.RunningAsync(other); // So its event makes a step of its own, like the first instance's.
        var statusGuid = running.ReadCustomStatusAs<Guid>();
        await host.Client.RaiseEventAsync(id, "Continue");
        await host.Client.RaiseEventAsync(other, "Continue");
        var guids = (await host.CompletionAsync(id)).ReadOutputAs<Guid[]>()!;
        var otherGuids = (await host.CompletionAsync(other)).ReadOutputAs<Guid[]>()!;

        Assert.Equal(statusGuid, guids[0]);
        Assert.Equal(3, guids.Distinct().Count());
        Assert.DoesNotContain(Guid.Empty, guids);
        Assert.Empty(guids.Intersect(otherGuids));
        Assert.Equal(6, firstGuids.Count); // Each instance ran its first line in 3 steps; each time the same GUID.
        Assert.Equal(2, firstGuids.Distinct().Count());
    }

    [Fact]
    public async Task IsReplaying_IsFalseExactlyOncePerStepAndTheReplaySafeLoggerWritesEachLineOnce()
    {
        var logs = new CapturingLoggerProvider();
        var replaying = new ConcurrentDictionary<string, ConcurrentQueue<bool>>();
        void Observe(TaskOrchestrationContext ctx, string point) => replaying.GetOrAdd(point, _ => new()).Enqueue(ctx.IsReplaying);
        await using var host = await DurableTestHost.StartAsync(
            d => d
                .AddOrchestratorFunc<string, string>("Logs", async (ctx, _) =>
                {
                    var log = ctx.CreateReplaySafeLogger("Test.Orchestrator");
                    for (var i = 1; i <= 3; i++)
                    {
                        Observe(ctx, $"step {i}");
                        log.LogInformation("step {Step}", i);
                        await ctx.CallActivityAsync<string>("Work");
                    }

                    Observe(ctx, "done");
                    log.LogInformation("done");
                    return "ok";
                })
                .AddActivityFunc<string, string>("Work", (_, _) => Task.FromResult("ok")),
            TestLogging.Capture(logs));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Logs");
        await host.CompletionAsync(id);

        Assert.Equal(["step 1", "step 2", "step 3", "done"], logs.MessagesOf("Test.Orchestrator"));
        Assert.Equal([false, true, true, true], replaying["step 1"]);
        Assert.Equal([false, true, true], replaying["step 2"]);
        Assert.Equal([false, true], replaying["step 3"]);
        Assert.Equal([false], replaying["done"]);
    }

    [Fact]
    public async Task SetCustomStatus_IsVisibleThroughGetInstanceAsyncAfterEachStep()
    {
        await using var host = await DurableTestHost.StartAsync(d => d
            .AddOrchestratorFunc<string, string>("Phases", async (ctx, _) =>
            {
                ctx.SetCustomStatus("waiting for approval");
                await ctx.WaitForExternalEvent<string>("Approved");
                ctx.SetCustomStatus(new Progress("sending", 2));
                await ctx.WaitForExternalEvent<string>("Sent");
                ctx.SetCustomStatus(null);
                await ctx.WaitForExternalEvent<string>("Closed");
                ctx.SetCustomStatus(new Progress("closed", 3));
                return "ok";
            }));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Phases");

        var first = await host.RunningAsync(id);
        Assert.Equal("waiting for approval", first.ReadCustomStatusAs<string>());

        await host.Client.RaiseEventAsync(id, "Approved");
        var second = await host.UntilAsync(id, i => i.SerializedCustomStatus?.Contains("sending", StringComparison.Ordinal) == true, "status 'sending'");
        Assert.Equal(new Progress("sending", 2), second.ReadCustomStatusAs<Progress>());

        await host.Client.RaiseEventAsync(id, "Sent");
        await host.UntilAsync(id, i => i.SerializedCustomStatus is null, "status cleared");

        await host.Client.RaiseEventAsync(id, "Closed");
        var done = await host.CompletionAsync(id);
        Assert.Equal(new Progress("closed", 3), done.ReadCustomStatusAs<Progress>());
    }
}
