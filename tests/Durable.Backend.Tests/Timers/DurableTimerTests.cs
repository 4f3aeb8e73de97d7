namespace Durable.Backend.Tests.Timers;

/// <summary>When the timer was due, when the orchestrator resumed (its clock), and when an activity after it ran (the wall clock).</summary>
public sealed record TimerReport(DateTime FireAt, DateTime ResumedAt, DateTime ActivityRanAt);

/// <summary>Sleeps durably for the given time, then looks at the clocks.</summary>
public sealed class SleepsOnce : TaskOrchestrator<TimeSpan, TimerReport>
{
    public override async Task<TimerReport> RunAsync(TaskOrchestrationContext context, TimeSpan delay)
    {
        var fireAt = context.CurrentUtcDateTime + delay;
        await context.CreateTimer(fireAt, CancellationToken.None);
        var resumedAt = context.CurrentUtcDateTime;
        var ranAt = await context.CallActivityAsync<DateTime>("WallClock");
        return new TimerReport(fireAt, resumedAt, ranAt);
    }
}

public class DurableTimerTests
{
    [Theory, MemberData(nameof(DurableEngine.Both), MemberType = typeof(DurableEngine))]
    public async Task A_durable_timer_fires_on_time_and_never_early(string engine)
    {
        await using var durable = await DurableEngine.StartAsync(engine, r => r
            .AddOrchestrator<SleepsOnce>()
            .AddActivityFunc<DateTime>("WallClock", _ => DateTime.UtcNow));

        var done = await durable.Client.RunAsync(nameof(SleepsOnce), TimeSpan.FromSeconds(1));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var report = done.ReadOutputAs<TimerReport>()!;
        Assert.True(report.ResumedAt >= report.FireAt, $"the orchestrator resumed at {report.ResumedAt:O}, before the timer's {report.FireAt:O}");
        Assert.True(report.ActivityRanAt >= report.FireAt, $"the next activity ran at {report.ActivityRanAt:O}, before the timer's {report.FireAt:O}");
        Assert.True(report.ResumedAt - report.FireAt < TimeSpan.FromSeconds(10), $"the timer fired {(report.ResumedAt - report.FireAt).TotalSeconds} s late");
    }

    [Theory, MemberData(nameof(DurableEngine.Both), MemberType = typeof(DurableEngine))]
    public async Task Timers_created_together_each_fire_at_their_own_time(string engine)
    {
        await using var durable = await DurableEngine.StartAsync(engine, r => r
            .AddOrchestratorFunc<List<DateTime>>("SleepsThrice", async ctx =>
            {
                var start = ctx.CurrentUtcDateTime;
                var timers = new[] { 900, 300, 600 }.Select(ms => ctx.CreateTimer(start.AddMilliseconds(ms), CancellationToken.None)).ToList();
                var resumedAfter = new List<DateTime>();
                while (timers.Count > 0)
                {
                    timers.Remove(await Task.WhenAny(timers));
                    resumedAfter.Add(ctx.CurrentUtcDateTime);
                }

                return [start, .. resumedAfter];
            }));

        var done = await durable.Client.RunAsync("SleepsThrice");

        var times = done.ReadOutputAs<List<DateTime>>()!;
        var start = times[0];
        Assert.Equal(4, times.Count);
        Assert.True(times[1] >= start.AddMilliseconds(300), "the first timer fired early");
        Assert.True(times[2] >= start.AddMilliseconds(600), "the second timer fired early");
        Assert.True(times[3] >= start.AddMilliseconds(900), "the third timer fired early");
    }
}
