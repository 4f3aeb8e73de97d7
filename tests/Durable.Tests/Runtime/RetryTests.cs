using System.Collections.Concurrent;
using Durable.Runtime;
using Durable.Testing;

namespace Durable.Tests.Runtime;

public class RetryTests
{
    [Fact]
    public async Task CallActivityAsync_WithBackoff_RetriesUntilSuccessWithGrowingDelays()
    {
        var attempts = new ConcurrentQueue<DateTime>();
        var policy = new RetryPolicy(maxNumberOfAttempts: 5, firstRetryInterval: TimeSpan.FromMilliseconds(200), backoffCoefficient: 2.0);
        await using var host = await DurableTestHost.StartAsync(d => d
            .AddOrchestratorFunc<string, string>("Retries", (ctx, _) =>
                ctx.CallActivityAsync<string>("Flaky", null, TaskOptions.FromRetryPolicy(policy)))
            .AddActivityFunc<string, string>("Flaky", (_, _) =>
            {
                attempts.Enqueue(DateTime.UtcNow);
                return attempts.Count <= 3 ? throw new TimeoutException("try again") : Task.FromResult("done");
            }));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Retries");
        var done = await host.CompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("done", done.ReadOutputAs<string>());
        var at = attempts.ToArray();
        Assert.Equal(4, at.Length);
        // Lower bounds only: a busy machine may be slower, never faster.
        Assert.True(at[1] - at[0] >= TimeSpan.FromMilliseconds(200), $"first delay {(at[1] - at[0]).TotalMilliseconds} ms");
        Assert.True(at[2] - at[1] >= TimeSpan.FromMilliseconds(400), $"second delay {(at[2] - at[1]).TotalMilliseconds} ms");
        Assert.True(at[3] - at[2] >= TimeSpan.FromMilliseconds(800), $"third delay {(at[3] - at[2]).TotalMilliseconds} ms");
        var delays = await TimerDelaysMs(host, id);
        Assert.Equal([200, 400, 800], delays);
    }

    [Fact]
    public async Task CallActivityAsync_AlwaysFailing_StopsAfterMaxAttemptsWithDelaysCappedAtMaxInterval()
    {
        var attempts = 0;
        var policy = new RetryPolicy(4, TimeSpan.FromMilliseconds(100), 3.0, maxRetryInterval: TimeSpan.FromMilliseconds(200));
        await using var host = await DurableTestHost.StartAsync(d => d
            .AddOrchestratorFunc<string, string>("GivesUp", (ctx, _) =>
                ctx.CallActivityAsync<string>("Broken", null, TaskOptions.FromRetryPolicy(policy)))
            .AddActivityFunc<string, string>("Broken", (_, _) =>
            {
                Interlocked.Increment(ref attempts);
                throw new TimeoutException("still broken");
            }));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("GivesUp");
        var done = await host.CompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal("still broken", done.FailureDetails?.InnerFailure?.ErrorMessage);
        Assert.Equal(4, attempts);
        var delays = await TimerDelaysMs(host, id);
        Assert.Equal([100, 200, 200], delays);
    }

    [Fact]
    public async Task CallActivityAsync_FailureNotHandledByPredicate_IsNotRetried()
    {
        var attempts = new ConcurrentDictionary<string, int>();
        var policy = new RetryPolicy(5, TimeSpan.FromMilliseconds(50)) { HandleFailure = f => f.IsCausedBy<TimeoutException>() };
        await using var host = await DurableTestHost.StartAsync(d => d
            .AddOrchestratorFunc<string, string>("Selective", async (ctx, kind) =>
            {
                try
                {
                    return await ctx.CallActivityAsync<string>("Throws", kind, TaskOptions.FromRetryPolicy(policy));
                }
                catch (TaskFailedException e)
                {
                    return e.FailureDetails.ErrorType;
                }
            })
            .AddActivityFunc<string, string>("Throws", (_, kind) =>
            {
                attempts.AddOrUpdate(kind, 1, (_, n) => n + 1);
                throw kind == "timeout" ? new TimeoutException() : new ArgumentException("bad input");
            }));

        var notRetried = await host.Client.ScheduleNewOrchestrationInstanceAsync("Selective", "argument");
        var retried = await host.Client.ScheduleNewOrchestrationInstanceAsync("Selective", "timeout");

        Assert.Equal(typeof(ArgumentException).FullName, (await host.CompletionAsync(notRetried)).ReadOutputAs<string>());
        Assert.Equal(typeof(TimeoutException).FullName, (await host.CompletionAsync(retried)).ReadOutputAs<string>());
        Assert.Equal(1, attempts["argument"]);
        Assert.Equal(5, attempts["timeout"]);
    }

    [Fact]
    public async Task CallActivityAsync_WithRetryTimeout_StopsRetryingOnceTheTimeoutHasPassed()
    {
        var attempts = 0;
        var policy = new RetryPolicy(10, TimeSpan.FromMilliseconds(200), retryTimeout: TimeSpan.FromMilliseconds(300));
        await using var host = await DurableTestHost.StartAsync(d => d
            .AddOrchestratorFunc<string, string>("Budgeted", (ctx, _) =>
                ctx.CallActivityAsync<string>("Broken", null, TaskOptions.FromRetryPolicy(policy)))
            .AddActivityFunc<string, string>("Broken", (_, _) =>
            {
                Interlocked.Increment(ref attempts);
                throw new TimeoutException();
            }));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Budgeted");
        var done = await host.CompletionAsync(id);

        // Attempt n starts at least (n - 1) × 200 ms after the first, and no retry starts after 300 ms: at most 3.
        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.InRange(attempts, 1, 3);
    }

    /// <summary>Each retry timer's delay as recorded in history: its fire time minus the time of the step that created it.</summary>
    private static async Task<int[]> TimerDelaysMs(DurableTestHost host, string instanceId)
    {
        var delays = new List<int>();
        var stepStarted = DateTime.MinValue;
        foreach (var e in await host.HistoryAsync(instanceId))
        {
            if (e.Type == EventType.OrchestratorStarted)
            {
                stepStarted = e.Timestamp;
            }
            else if (e.Type == EventType.TimerCreated)
            {
                delays.Add((int)Math.Round((e.FireAt!.Value - stepStarted).TotalMilliseconds));
            }
        }

        return [.. delays];
    }
}
