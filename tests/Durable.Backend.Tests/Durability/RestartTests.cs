using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Durable.Backend.Tests.Durability;

/// <summary>
/// Ours only: the host stops (a deployment, a crash) and a new one starts on the same store (the SQLite file, the
/// PostgreSQL database). The reference keeps everything in memory, so there is nothing to compare it with.
/// </summary>
public class RestartTests
{
    private static void Register(DurableTaskRegistry r) => r
        .AddOrchestratorFunc<int, string>("WaitsForGo", async (ctx, n) =>
        {
            ctx.SetCustomStatus("waiting");
            return $"{n}: {await ctx.WaitForExternalEvent<string>("Go")}";
        })
        .AddOrchestratorFunc<TimeSpan, DateTime[]>("Sleeps", async (ctx, delay) =>
        {
            var fireAt = ctx.CurrentUtcDateTime + delay;
            ctx.SetCustomStatus("sleeping");
            await ctx.CreateTimer(fireAt, CancellationToken.None);
            return [fireAt, ctx.CurrentUtcDateTime];
        });

    [Theory, InlineData(DurableEngine.Ours), InlineData(DurableEngine.Postgres)]
    public async Task Instances_waiting_for_an_event_complete_after_the_host_restarts_on_the_same_store(string engine)
    {
        await using var durable = await DurableEngine.StartAsync(engine, Register);
        var ids = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            ids.Add(await durable.Client.ScheduleNewOrchestrationInstanceAsync("WaitsForGo", i, new StartOrchestrationOptions($"waiter-{i}")));
        }

        foreach (var id in ids)
        {
            await durable.Client.UntilCustomStatusAsync(id, "waiting");
        }

        await durable.RestartAsync();
        foreach (var id in ids)
        {
            await durable.Client.RaiseEventAsync(id, "Go", "after restart");
        }

        var done = await Task.WhenAll(ids.Select(durable.Client.CompletionAsync));
        Assert.All(done, d => Assert.Equal(OrchestrationRuntimeStatus.Completed, d.RuntimeStatus));
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"{i}: after restart"), done.Select(d => d.ReadOutputAs<string>()));
    }

    [Theory, InlineData(DurableEngine.Ours), InlineData(DurableEngine.Postgres)]
    public async Task A_timer_that_fell_due_while_no_host_ran_fires_after_the_restart(string engine)
    {
        await using var durable = await DurableEngine.StartAsync(engine, Register);
        var id = await durable.Client.ScheduleNewOrchestrationInstanceAsync("Sleeps", TimeSpan.FromSeconds(1));
        await durable.Client.UntilCustomStatusAsync(id, "sleeping");

        await durable.RestartAsync(downtime: TimeSpan.FromSeconds(2));
        var done = await durable.Client.CompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var times = done.ReadOutputAs<DateTime[]>()!;
        Assert.True(times[1] >= times[0], $"resumed at {times[1]:O}, before the timer's {times[0]:O}");
    }

    [Theory, InlineData(DurableEngine.Ours), InlineData(DurableEngine.Postgres)]
    public async Task An_activity_running_when_the_host_stops_completes_the_instance_once_after_the_restart(string engine)
    {
        var attempts = 0;
        var firstAttemptStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseFirstAttempt = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Tasks(DurableTaskRegistry r) => r
            .AddOrchestratorFunc<string>("CallsSlow", ctx => ctx.CallActivityAsync<string>("Slow"))
            .AddActivityFunc<string>("Slow", async _ =>
            {
                var attempt = Interlocked.Increment(ref attempts);
                if (attempt == 1)
                {
                    // The first host stops while this runs, and lets it finish once the stop has begun.
                    firstAttemptStarted.TrySetResult();
                    await releaseFirstAttempt.Task.WithDeadline();
                }

                return $"attempt {attempt}";
            });

        await using var durable = await DurableEngine.StartAsync(engine, Tasks, backend: o => o.LeaseDuration = TimeSpan.FromSeconds(2));
        var id = await durable.Client.ScheduleNewOrchestrationInstanceAsync("CallsSlow");
        await firstAttemptStarted.Task.WithDeadline();

        durable.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(() => releaseFirstAttempt.TrySetResult());
        await durable.RestartAsync();
        var done = await durable.Client.CompletionAsync(id);

        // Whether the stopping host still delivered the first result or the lease ran out and the next host ran the
        // activity again, the instance completes with the result of the last attempt, and no attempt is lost.
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.InRange(attempts, 1, 2);
        Assert.Equal($"attempt {attempts}", done.ReadOutputAs<string>());
    }
}
