namespace Durable.Backend.Tests.Poison;

/// <summary>Stands in for an orchestrator whose dependencies cannot be built: construction itself throws.</summary>
public sealed class CannotBeBuilt : TaskOrchestrator<string?, string>
{
    public CannotBeBuilt() => throw new InvalidOperationException("The ledger connection string is missing.");

    public override Task<string> RunAsync(TaskOrchestrationContext context, string? input) => Task.FromResult("unreachable");
}

public class FailingWorkTests
{
    // The dequeue count only concerns ours: the reference has no such setting and ignores it.
    [Theory, MemberData(nameof(DurableEngine.Both), MemberType = typeof(DurableEngine))]
    public async Task An_activity_that_always_throws_without_a_retry_policy_is_a_failed_task_not_poison(string engine)
    {
        var runs = 0;
        string Throws(TaskActivityContext context) => throw new InvalidOperationException($"boom {Interlocked.Increment(ref runs)}");
        await using var durable = await DurableEngine.StartAsync(
            engine,
            r => r
                .AddOrchestratorFunc<string>("CallsThrowing", ctx => ctx.CallActivityAsync<string>("Throws"))
                .AddActivityFunc<string>("Throws", Throws),
            backend: o => o.MaxDequeueCount = 1);

        var done = await durable.Client.RunAsync("CallsThrowing");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal("boom 1", done.FailureDetails?.InnerFailure?.ErrorMessage);
        Assert.Equal(1, runs);
    }

    [Theory, MemberData(nameof(DurableEngine.Both), MemberType = typeof(DurableEngine))]
    public async Task An_orchestrator_whose_constructor_throws_fails_the_instance_with_the_reason_and_others_still_run(string engine)
    {
        await using var durable = await DurableEngine.StartAsync(engine, r => r
            .AddOrchestrator<CannotBeBuilt>()
            .AddOrchestratorFunc<string, string>("Healthy", (_, input) => Task.FromResult(input)));

        var broken = await durable.Client.ScheduleNewOrchestrationInstanceAsync(nameof(CannotBeBuilt));
        var healthy = await durable.Client.ScheduleNewOrchestrationInstanceAsync("Healthy", "fine");
        var failed = await durable.Client.CompletionAsync(broken);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, failed.RuntimeStatus);
        Assert.Contains("The ledger connection string is missing.", Causes(failed.FailureDetails));
        Assert.Equal("fine", (await durable.Client.CompletionAsync(healthy)).ReadOutputAs<string>());
    }

    [Theory, MemberData(nameof(DurableEngine.Both), MemberType = typeof(DurableEngine))]
    public async Task An_unregistered_orchestrator_fails_the_instance_naming_it(string engine)
    {
        await using var durable = await DurableEngine.StartAsync(engine, r => r.AddOrchestratorFunc<string>("Known", _ => Task.FromResult("known")));

        var done = await durable.Client.RunAsync("Unknown");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal("OrchestratorTaskNotFound", done.FailureDetails?.ErrorType);
        Assert.Contains("'Unknown'", done.FailureDetails?.ErrorMessage, StringComparison.Ordinal);
    }

    /// <summary>The failure's message and those of its inner failures (construction wraps the constructor's exception).</summary>
    private static List<string> Causes(TaskFailureDetails? failure)
    {
        var messages = new List<string>();
        for (; failure is not null; failure = failure.InnerFailure)
        {
            messages.Add(failure.ErrorMessage);
        }

        return messages;
    }
}
