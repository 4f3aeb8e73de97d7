using System.Collections.Concurrent;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Durable.Backend.Tests.Poison;

/// <summary>
/// Makes Microsoft's worker abandon every work item of one orchestration, as a worker does when it cannot take
/// the item (an orchestration filter or version it rejects); counts the attempts per orchestration name.
/// </summary>
#pragma warning disable CS0618 // IOrchestrationFilter is marked experimental; it is the worker's public way to abandon a work item.
public sealed class RejectsOneOrchestration(string rejected) : IOrchestrationFilter
{
    public ConcurrentDictionary<string, int> Attempts { get; } = new();

    public ValueTask<bool> IsOrchestrationValidAsync(OrchestrationFilterParameters info, CancellationToken cancellationToken = default)
    {
        Attempts.AddOrUpdate(info.Name ?? "", 1, (_, n) => n + 1);
        return ValueTask.FromResult(info.Name != rejected);
    }

    public static void Register(IServiceCollection services, RejectsOneOrchestration filter) => services.AddSingleton<IOrchestrationFilter>(filter);
}
#pragma warning restore CS0618

public class AbandonedWorkItemTests
{
    private static void Register(DurableTaskRegistry r) => r
        .AddOrchestratorFunc<string>("Rejected", _ => Task.FromResult("never runs"))
        .AddOrchestratorFunc<int, int>("Healthy", async (ctx, n) => await ctx.CallActivityAsync<int>("Double", n))
        .AddActivityFunc<int, int>("Double", (_, n) => n * 2);

    // Ours only: the reference never offers an abandoned work item again (see the test below).
    [Theory, InlineData(DurableEngine.Ours), InlineData(DurableEngine.Postgres)]
    public async Task An_orchestration_work_item_the_worker_keeps_abandoning_is_set_aside_after_MaxDequeueCount_and_others_still_complete(string engine)
    {
        const int maxDequeueCount = 3;
        var filter = new RejectsOneOrchestration("Rejected");
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var durable = await DurableEngine.StartAsync(
            engine,
            Register,
            backend: o => o.MaxDequeueCount = maxDequeueCount,
            services: s => RejectsOneOrchestration.Register(s.AddSingleton<TimeProvider>(clock), filter));
        var rejected = await durable.Client.ScheduleNewOrchestrationInstanceAsync("Rejected");
        var healthy = await Task.WhenAll(Enumerable.Range(1, 3).Select(i => durable.Client.RunAsync("Healthy", i)));
        // Each abandoned attempt comes back after a backoff on the backend's (fake) clock, which the wait moves on.
        var failed = await durable.Client.CompletionAsync(rejected, clock);
        var attemptsWhenFailed = filter.Attempts["Rejected"];

        // Long past any backoff, an instance scheduled after it runs to the end: the backend has looked for work since,
        // and did not offer the item that was set aside.
        clock.Advance(TimeSpan.FromMinutes(5));
        var later = await durable.Client.RunAsync("Healthy", 4);

        // What the client sees: the instance ends Failed with a reason instead of being offered forever.
        Assert.Equal(OrchestrationRuntimeStatus.Failed, failed.RuntimeStatus);
        Assert.False(string.IsNullOrWhiteSpace(failed.FailureDetails?.ErrorMessage));
        Assert.InRange(attemptsWhenFailed, maxDequeueCount, maxDequeueCount + 1);
        Assert.Equal(attemptsWhenFailed, filter.Attempts["Rejected"]);
        Assert.Equal([2, 4, 6, 8], [.. healthy.Select(h => h.ReadOutputAs<int>()), later.ReadOutputAs<int>()]);
    }

    // Reference quirk: AbandonTaskOrchestratorWorkItem (TaskHubGrpcServer in 0.2.3-preview.1) does nothing, and its
    // dispatcher keeps waiting for a completion that never comes, so the instance is never offered again.
    [Theory, InlineData(DurableEngine.Reference)]
    public async Task Reference_never_offers_an_abandoned_orchestration_work_item_again(string engine)
    {
        var filter = new RejectsOneOrchestration("Rejected");
        await using var durable = await DurableEngine.StartAsync(engine, Register, services: s => RejectsOneOrchestration.Register(s, filter));

        var rejected = await durable.Client.ScheduleNewOrchestrationInstanceAsync("Rejected");
        var healthy = await durable.Client.RunAsync("Healthy", 1);
        // An instance scheduled later runs to the end: the reference has handed out work since, and not the abandoned item.
        await durable.Client.RunAsync("Healthy", 2);

        Assert.Equal(2, healthy.ReadOutputAs<int>());
        Assert.Equal(1, filter.Attempts["Rejected"]);
        Assert.Equal(OrchestrationRuntimeStatus.Pending, (await durable.Client.GetInstanceAsync(rejected))?.RuntimeStatus);
    }
}
