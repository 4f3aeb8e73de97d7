using Durable.Runtime;
using Durable.Testing;

namespace Durable.Tests.Runtime;

public class TimerTests
{
    [Fact]
    public async Task CreateTimer_Awaited_ResumesNotBeforeItsFireTime()
    {
        var wallClockAtResume = new List<(DateTime FireAt, DateTime Now)>();
        await using var host = await DurableTestHost.StartAsync(d => d
            .AddOrchestratorFunc<int, List<DateTime[]>>("Sleeps", async (ctx, count) =>
            {
                var observed = new List<DateTime[]>();
                for (var i = 0; i < count; i++)
                {
                    // Odd delays, so fire times fall anywhere inside a millisecond.
                    var fireAt = ctx.CurrentUtcDateTime.AddTicks(TimeSpan.TicksPerMillisecond * 23 + (i * 3_371));
                    await ctx.CreateTimer(fireAt, CancellationToken.None);
                    if (!ctx.IsReplaying)
                    {
                        wallClockAtResume.Add((fireAt, DateTime.UtcNow));
                    }

                    observed.Add([fireAt, ctx.CurrentUtcDateTime]);
                }

                return observed;
            }));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Sleeps", 20);
        var done = await host.CompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var observed = done.ReadOutputAs<List<DateTime[]>>()!;
        Assert.Equal(20, observed.Count);
        Assert.All(observed, o => Assert.True(o[1] >= o[0], $"resumed at {o[1]:O}, before its timer's {o[0]:O}"));
        Assert.All(wallClockAtResume, o => Assert.True(o.Now >= o.FireAt, $"ran at {o.Now:O}, before its timer's {o.FireAt:O}"));
    }

    [Fact]
    public async Task CreateTimer_CancelledBeforeItFires_ThrowsTaskCanceledAndDoesNotHoldTheOrchestration()
    {
        await using var host = await DurableTestHost.StartAsync(d => d
            .AddOrchestratorFunc<string, string>("CancelsTimer", async (ctx, _) =>
            {
                using var cts = new CancellationTokenSource();
                var timer = ctx.CreateTimer(TimeSpan.FromMinutes(10), cts.Token);
                await ctx.CallActivityAsync<string>("Work");
                cts.Cancel();
                try
                {
                    await timer;
                    return "fired";
                }
                catch (TaskCanceledException)
                {
                    return "cancelled";
                }
            })
            .AddActivityFunc<string, string>("Work", (_, _) => Task.FromResult("ok")));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("CancelsTimer");
        var done = await host.CompletionAsync(id);

        Assert.Equal("cancelled", done.ReadOutputAs<string>());
        var history = await host.HistoryAsync(id);
        Assert.Contains(history, e => e.Type == EventType.TimerCreated);
        Assert.DoesNotContain(history, e => e.Type == EventType.TimerFired);
    }

    [Fact]
    public async Task CreateTimer_ThatFiredEarlier_IsReplayedAsFiredWithoutWaitingAgain()
    {
        await using var host = await DurableTestHost.StartAsync(d => d
            .AddOrchestratorFunc<string, string>("TimerThenWork", async (ctx, _) =>
            {
                var before = ctx.CurrentUtcDateTime;
                await ctx.CreateTimer(TimeSpan.FromMilliseconds(200), CancellationToken.None);
                var afterTimer = ctx.CurrentUtcDateTime;
                await ctx.CallActivityAsync<string>("Work");
                await ctx.CallActivityAsync<string>("Work");
                return $"{(afterTimer - before).TotalMilliseconds >= 200}";
            })
            .AddActivityFunc<string, string>("Work", (_, _) => Task.FromResult("ok")));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("TimerThenWork");
        var done = await host.CompletionAsync(id);

        Assert.Equal("True", done.ReadOutputAs<string>());
        Assert.Single(await host.HistoryAsync(id), e => e.Type == EventType.TimerCreated);
    }
}
