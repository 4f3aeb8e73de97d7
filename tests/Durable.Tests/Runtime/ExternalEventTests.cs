using Durable.Runtime;
using Durable.Testing;

namespace Durable.Tests.Runtime;

public sealed record Approval(string By, bool Approved, int Level);

public class ExternalEventTests
{
    [Fact]
    public async Task WaitForExternalEvent_TypedPayload_IsDeliveredToTheOrchestrator()
    {
        await using var host = await DurableTestHost.StartAsync(d => d
            .AddOrchestratorFunc<string, Approval>("AwaitsApproval", (ctx, _) => ctx.WaitForExternalEvent<Approval>("Approval")));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("AwaitsApproval");
        await host.RunningAsync(id);

        await host.Client.RaiseEventAsync(id, "Approval", new Approval("nurse", true, 2));
        var done = await host.CompletionAsync(id);

        Assert.Equal(new Approval("nurse", true, 2), done.ReadOutputAs<Approval>());
    }

    [Fact]
    public async Task WaitForExternalEvent_WithTimeoutThatExpires_ThrowsTaskCanceledException()
    {
        await using var host = await DurableTestHost.StartAsync(d => d
            .AddOrchestratorFunc<string, string>("Impatient", async (ctx, _) =>
            {
                var start = ctx.CurrentUtcDateTime;
                try
                {
                    return await ctx.WaitForExternalEvent<string>("Never", TimeSpan.FromMilliseconds(300));
                }
                catch (TaskCanceledException)
                {
                    return $"timed out after >= 300 ms: {(ctx.CurrentUtcDateTime - start).TotalMilliseconds >= 300}";
                }
            }));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Impatient");
        var done = await host.CompletionAsync(id);

        Assert.Equal("timed out after >= 300 ms: True", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task WaitForExternalEvent_WithTimeout_EventFirst_ReturnsTheEventAndCancelsTheTimer()
    {
        await using var host = await DurableTestHost.StartAsync(d => d
            .AddOrchestratorFunc<string, string>("Patient", async (ctx, _) =>
            {
                var value = await ctx.WaitForExternalEvent<string>("Answer", TimeSpan.FromMinutes(10));
                await ctx.CallActivityAsync<string>("Work"); // One more step, so the race is replayed too.
                return value;
            })
            .AddActivityFunc<string, string>("Work", (_, _) => Task.FromResult("ok")));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Patient");
        await host.RunningAsync(id);

        await host.Client.RaiseEventAsync(id, "Answer", "yes");
        var done = await host.CompletionAsync(id);

        Assert.Equal("yes", done.ReadOutputAs<string>());
        Assert.DoesNotContain(await host.HistoryAsync(id), e => e.Type == EventType.TimerFired);
    }

    [Fact]
    public async Task A_timer_racing_an_event_takes_the_event_when_it_comes_first_and_the_timeout_when_the_timer_does()
    {
        await using var host = await DurableTestHost.StartAsync(d => d
            .AddOrchestratorFunc<int, string>("Race", async (ctx, timeoutMs) =>
            {
                using var cts = new CancellationTokenSource();
                var timer = ctx.CreateTimer(ctx.CurrentUtcDateTime.AddMilliseconds(timeoutMs), cts.Token);
                var answer = ctx.WaitForExternalEvent<string>("Answer");
                var winner = await Task.WhenAny(timer, answer);
                string outcome;
                if (winner == answer)
                {
                    cts.Cancel();
                    outcome = "event:" + answer.Result;
                }
                else
                {
                    outcome = "timeout";
                }

                await ctx.CallActivityAsync<string>("Work"); // Replays the race once more before finishing.
                return outcome + (timer.IsCanceled ? "+timer cancelled" : string.Empty);
            })
            .AddActivityFunc<string, string>("Work", (_, _) => Task.FromResult("ok")));

        var eventFirst = await host.Client.ScheduleNewOrchestrationInstanceAsync("Race", 600_000);
        var timerFirst = await host.Client.ScheduleNewOrchestrationInstanceAsync("Race", 200);
        await host.RunningAsync(eventFirst);
        await host.Client.RaiseEventAsync(eventFirst, "Answer", "yes");
        await host.UntilHistoryHasAsync(timerFirst, EventType.TimerFired);
        await host.Client.RaiseEventAsync(timerFirst, "Answer", "too late");

        Assert.Equal("event:yes+timer cancelled", (await host.CompletionAsync(eventFirst)).ReadOutputAs<string>());
        Assert.Equal("timeout", (await host.CompletionAsync(timerFirst)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task Events_raised_before_the_instance_exists_are_kept_and_delivered_in_the_order_raised()
    {
        await using var host = await DurableTestHost.StartAsync(d => d
            .AddOrchestratorFunc<string, int[]>("Collects", async (ctx, _) =>
            [
                await ctx.WaitForExternalEvent<int>("Number"),
                await ctx.WaitForExternalEvent<int>("Number"),
                await ctx.WaitForExternalEvent<int>("Number"),
            ]));

        const string id = "early-events";
        foreach (var n in new[] { 3, 1, 2 })
        {
            await host.Client.RaiseEventAsync(id, "Number", n);
        }

        await host.Client.ScheduleNewOrchestrationInstanceAsync("Collects", options: new(id));
        var done = await host.CompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal([3, 1, 2], done.ReadOutputAs<int[]>()!);
    }

    [Fact]
    public async Task Events_raised_before_the_orchestrator_waits_are_kept_and_delivered_in_order_per_name()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await DurableTestHost.StartAsync(d => d
            .AddOrchestratorFunc<string, string>("BusyFirst", async (ctx, _) =>
            {
                await ctx.CallActivityAsync<string>("Blocked");
                var b1 = await ctx.WaitForExternalEvent<string>("B");
                var a1 = await ctx.WaitForExternalEvent<string>("A");
                var a2 = await ctx.WaitForExternalEvent<string>("A");
                var b2 = await ctx.WaitForExternalEvent<string>("B");
                return string.Join(",", a1, a2, b1, b2);
            })
            .AddActivityFunc<string, string>("Blocked", async (_, _) =>
            {
                await gate.Task;
                return "ok";
            }));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("BusyFirst");
        await host.UntilHistoryHasAsync(id, EventType.TaskScheduled);

        await host.Client.RaiseEventAsync(id, "A", "a1");
        await host.Client.RaiseEventAsync(id, "B", "b1");
        await host.Client.RaiseEventAsync(id, "A", "a2");
        await host.Client.RaiseEventAsync(id, "B", "b2");
        await host.UntilHistoryHasAsync(id, EventType.EventRaised, 4);
        gate.SetResult();
        var done = await host.CompletionAsync(id);

        Assert.Equal("a1,a2,b1,b2", done.ReadOutputAs<string>());
    }
}
