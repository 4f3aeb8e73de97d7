using Durable.Runtime;
using Durable.Testing;

namespace Durable.Tests.Runtime;

public class ContinueAsNewTests
{
    [Fact]
    public async Task ContinueAsNew_EternalCounter_CompletesAfterNGenerationsWithABoundedHistory()
    {
        var historyLengths = new List<int>();
        await using var host = await DurableTestHost.StartAsync(d => d
            .AddOrchestratorFunc<int, int>("Counter", async (ctx, n) =>
            {
                ctx.SetCustomStatus(n);
                await ctx.WaitForExternalEvent<string>("Tick");
                await ctx.CallActivityAsync<string>("Work");
                if (n + 1 < 10)
                {
                    ctx.ContinueAsNew(n + 1);
                    return -1;
                }

                return n + 1;
            })
            .AddActivityFunc<string, string>("Work", (_, _) => Task.FromResult("ok")));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Counter", 0);

        for (var n = 0; n < 10; n++)
        {
            await host.UntilAsync(id, i => i.RuntimeStatus == OrchestrationRuntimeStatus.Running && i.ReadCustomStatusAs<int>() == n, $"generation {n}");
            historyLengths.Add((await host.HistoryAsync(id)).Count);
            await host.Client.RaiseEventAsync(id, "Tick");
        }

        var done = await host.CompletionAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(10, done.ReadOutputAs<int>());
        Assert.Equal(9, done.ReadInputAs<int>()); // The last generation's input.
        Assert.All(historyLengths, length => Assert.InRange(length, 1, 6));
        var last = await host.HistoryAsync(id);
        Assert.Single(last, e => e.Type == EventType.ExecutionStarted);
        Assert.InRange(last.Count, 1, 12);
    }

    [Fact]
    public async Task ContinueAsNew_CarriesOverEventsThatArrivedBeforeTheNextGenerationWaits()
    {
        await using var host = await DurableTestHost.StartAsync(d => d
            .AddOrchestratorFunc<int[], int[]>("Accumulates", async (ctx, sofar) =>
            {
                var next = await ctx.WaitForExternalEvent<int>("Add");
                int[] all = [.. sofar, next];
                if (all.Length < 5)
                {
                    ctx.ContinueAsNew(all);
                }

                return all;
            }));

        // Raised before the instance exists: all five arrive in the same batch as the start.
        const string id = "accumulator";
        for (var i = 1; i <= 5; i++)
        {
            await host.Client.RaiseEventAsync(id, "Add", i);
        }

        await host.Client.ScheduleNewOrchestrationInstanceAsync("Accumulates", Array.Empty<int>(), new(id));
        var done = await host.CompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal([1, 2, 3, 4, 5], done.ReadOutputAs<int[]>()!);
    }

    [Fact]
    public async Task ContinueAsNew_CarriesOverEventsReceivedWhileTheGenerationWasBusy()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await DurableTestHost.StartAsync(d => d
            .AddOrchestratorFunc<int, string>("Busy", async (ctx, generation) =>
            {
                if (generation == 0)
                {
                    await ctx.CallActivityAsync<string>("Blocked");
                    ctx.ContinueAsNew(1);
                    return "continued";
                }

                var a = await ctx.WaitForExternalEvent<string>("Note");
                var b = await ctx.WaitForExternalEvent<string>("Note");
                return a + b;
            })
            .AddActivityFunc<string, string>("Blocked", async (_, _) =>
            {
                await gate.Task;
                return "ok";
            }));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Busy", 0);
        await host.UntilHistoryHasAsync(id, EventType.TaskScheduled);

        await host.Client.RaiseEventAsync(id, "Note", "x");
        await host.Client.RaiseEventAsync(id, "Note", "y");
        await host.UntilHistoryHasAsync(id, EventType.EventRaised, 2);
        gate.SetResult();

        Assert.Equal("xy", (await host.CompletionAsync(id)).ReadOutputAs<string>());
    }
}
