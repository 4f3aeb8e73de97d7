namespace Durable.Backend.Tests.Activities;

public sealed record CaughtFailure(string TaskName, string ErrorType, string ErrorMessage, bool HasStackTrace, bool CausedByInvalidOperation);

public class ActivityFailureTests
{
    /// <summary>An activity that always throws.</summary>
    internal static Task<string> Boom(TaskActivityContext context, string? input) => throw new InvalidOperationException("boom");

    [Theory, MemberData(nameof(DurableEngine.Both), MemberType = typeof(DurableEngine))]
    public async Task An_activity_exception_reaches_the_orchestrator_as_TaskFailedException_with_failure_details(string engine)
    {
        await using var durable = await DurableEngine.StartAsync(engine, r => r
            .AddOrchestratorFunc<CaughtFailure>("CatchesFailure", async ctx =>
            {
                try
                {
                    await ctx.CallActivityAsync<string>("Throws");
                    throw new InvalidOperationException("The activity was expected to fail.");
                }
                catch (TaskFailedException e)
                {
                    return new CaughtFailure(
                        e.TaskName, e.FailureDetails.ErrorType, e.FailureDetails.ErrorMessage,
                        !string.IsNullOrEmpty(e.FailureDetails.StackTrace), e.FailureDetails.IsCausedBy<InvalidOperationException>());
                }
            })
            .AddActivityFunc<string?, string>("Throws", Boom));

        var done = await durable.Client.RunAsync("CatchesFailure");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(new CaughtFailure("Throws", typeof(InvalidOperationException).FullName!, "boom", true, true), done.ReadOutputAs<CaughtFailure>());
    }

    [Theory, MemberData(nameof(DurableEngine.Both), MemberType = typeof(DurableEngine))]
    public async Task An_unhandled_activity_failure_fails_the_orchestration_with_the_activity_failure_inside(string engine)
    {
        await using var durable = await DurableEngine.StartAsync(engine, r => r
            .AddOrchestratorFunc<string>("LetsItFail", ctx => ctx.CallActivityAsync<string>("Throws"))
            .AddActivityFunc<string?, string>("Throws", Boom));

        var done = await durable.Client.RunAsync("LetsItFail");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        var failure = Assert.IsType<TaskFailureDetails>(done.FailureDetails);
        Assert.Equal(typeof(TaskFailedException).FullName, failure.ErrorType);
        Assert.Equal(typeof(InvalidOperationException).FullName, failure.InnerFailure?.ErrorType);
        Assert.Equal("boom", failure.InnerFailure?.ErrorMessage);
    }

    [Theory, MemberData(nameof(DurableEngine.Both), MemberType = typeof(DurableEngine))]
    public async Task An_unregistered_activity_fails_its_task_naming_it(string engine)
    {
        await using var durable = await DurableEngine.StartAsync(engine, r => r
            .AddOrchestratorFunc<string>("CallsMissing", async ctx =>
            {
                try
                {
                    return await ctx.CallActivityAsync<string>("Missing");
                }
                catch (TaskFailedException e)
                {
                    return $"{e.FailureDetails.ErrorType}: {e.FailureDetails.ErrorMessage}";
                }
            }));

        var done = await durable.Client.RunAsync("CallsMissing");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("ActivityTaskNotFound: No activity task named 'Missing' was found.", done.ReadOutputAs<string>());
    }
}
