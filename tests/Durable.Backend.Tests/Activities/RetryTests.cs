using System.Collections.Concurrent;

namespace Durable.Backend.Tests.Activities;

/// <summary>Fails until its attempt number reaches <see cref="SucceedOnAttempt"/>.</summary>
public sealed record FlakyCall(int SucceedOnAttempt);

public sealed class TransientFailureException(string message) : Exception(message);

public class RetryTests
{
    private static readonly TimeSpan FirstRetryInterval = TimeSpan.FromMilliseconds(200);

    [Theory, MemberData(nameof(DurableEngine.Both), MemberType = typeof(DurableEngine))]
    public async Task A_retry_policy_with_backoff_retries_until_success_waiting_longer_each_time(string engine)
    {
        var attempts = new ConcurrentQueue<DateTime>();
        await using var durable = await DurableEngine.StartAsync(engine, r => r
            .AddOrchestratorFunc<FlakyCall, int>("RetriesFlaky", (ctx, call) => ctx.CallActivityAsync<int>(
                "Flaky",
                call,
                TaskOptions.FromRetryPolicy(new RetryPolicy(maxNumberOfAttempts: 5, FirstRetryInterval, backoffCoefficient: 2))))
            .AddActivityFunc<FlakyCall, int>("Flaky", (_, call) =>
            {
                attempts.Enqueue(DateTime.UtcNow);
                return attempts.Count < call.SucceedOnAttempt
                    ? throw new TransientFailureException($"attempt {attempts.Count}")
                    : attempts.Count;
            }));

        var done = await durable.Client.RunAsync("RetriesFlaky", new FlakyCall(SucceedOnAttempt: 4));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(4, done.ReadOutputAs<int>());
        var at = attempts.ToArray();
        Assert.Equal(4, at.Length);
        for (var retry = 1; retry < at.Length; retry++)
        {
            var expected = FirstRetryInterval * Math.Pow(2, retry - 1);
            Assert.True(at[retry] - at[retry - 1] >= expected, $"retry {retry} came {(at[retry] - at[retry - 1]).TotalMilliseconds} ms after the attempt before it; expected at least {expected.TotalMilliseconds} ms");
        }
    }

    [Theory, MemberData(nameof(DurableEngine.Both), MemberType = typeof(DurableEngine))]
    public async Task A_retry_policy_stops_after_its_maximum_attempts_and_the_orchestrator_gets_the_last_failure(string engine)
    {
        var attempts = 0;
        string Hopeless(TaskActivityContext context) => throw new TransientFailureException($"attempt {Interlocked.Increment(ref attempts)}");
        await using var durable = await DurableEngine.StartAsync(engine, r => r
            .AddOrchestratorFunc<string>("RetriesHopeless", async ctx =>
            {
                try
                {
                    return await ctx.CallActivityAsync<string>(
                        "Hopeless", options: TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromMilliseconds(50))));
                }
                catch (TaskFailedException e)
                {
                    return e.FailureDetails.ErrorMessage;
                }
            })
            .AddActivityFunc<string>("Hopeless", Hopeless));

        var done = await durable.Client.RunAsync("RetriesHopeless");

        Assert.Equal("attempt 3", done.ReadOutputAs<string>());
        Assert.Equal(3, attempts);
    }

    [Theory, MemberData(nameof(DurableEngine.Both), MemberType = typeof(DurableEngine))]
    public async Task HandleFailure_retries_only_the_failures_it_accepts(string engine)
    {
        var calls = new ConcurrentDictionary<string, int>();
        string FailsAs(TaskActivityContext context, string kind)
        {
            calls.AddOrUpdate(kind, 1, (_, n) => n + 1);
            throw kind == "transient" ? new TransientFailureException(kind) : new InvalidOperationException(kind);
        }

        var policy = new RetryPolicy(4, TimeSpan.FromMilliseconds(50))
        {
            HandleFailure = failure => failure.IsCausedBy<TransientFailureException>(),
        };
        await using var durable = await DurableEngine.StartAsync(engine, r => r
            .AddOrchestratorFunc<string>("RetriesSelectively", async ctx =>
            {
                var outcomes = new List<string>();
                foreach (var kind in new[] { "transient", "permanent" })
                {
                    try
                    {
                        await ctx.CallActivityAsync<string>("FailsAs", kind, TaskOptions.FromRetryPolicy(policy));
                    }
                    catch (TaskFailedException e)
                    {
                        outcomes.Add($"{kind}: {e.FailureDetails.ErrorType}");
                    }
                }

                return string.Join("; ", outcomes);
            })
            .AddActivityFunc<string, string>("FailsAs", FailsAs));

        var done = await durable.Client.RunAsync("RetriesSelectively");

        Assert.Equal(
            $"transient: {typeof(TransientFailureException).FullName}; permanent: {typeof(InvalidOperationException).FullName}",
            done.ReadOutputAs<string>());
        Assert.Equal(4, calls["transient"]);
        Assert.Equal(1, calls["permanent"]);
    }
}
