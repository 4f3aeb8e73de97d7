using Durable.Backend.Dispatch;
using Durable.Backend.Hosting;
using Durable.Backend.Storage;
using Durable.Backend.Storage.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Testing.Postgres;
using P = Microsoft.DurableTask.Protobuf;

namespace Durable.Backend.Tests.Leases;

/// <summary>
/// A step whose lease ran out and was handed to another backend stores nothing: on PostgreSQL the lease check
/// travels in the same round trip as the step's writes (or first, when the step starts children), and a lost
/// lease aborts all of them. Driven on the store directly, on a real database, with two owners of one instance.
/// </summary>
public sealed class StepAfterLeaseLostTests
{
    [Theory, InlineData(false), InlineData(true)]
    public async Task A_step_committed_under_a_lease_that_was_handed_on_stores_nothing_and_the_new_holders_step_is_stored(bool startsChild)
    {
        var cluster = await PostgresCluster.SharedAsync();
        await using var database = await cluster.CreateDatabaseAsync();
        var options = new DurableBackendOptions { Provider = "Postgres", PostgresConnectionString = database.ConnectionString };
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var store = PostgresBackendStore.Open(options, clock, NullLoggerFactory.Instance);
        await store.CreateInstanceAsync(new NewInstance("handed-on", "execution-1", "AnyOrchestrator", null, null, clock.GetUtcNow().UtcDateTime, null), null, CancellationToken.None);

        var first = Assert.Single(await store.LockOrchestrationsAsync("backend-a", 1, TimeSpan.FromMilliseconds(100), CancellationToken.None));
        clock.Advance(TimeSpan.FromMilliseconds(300)); // The first lease runs out.
        var second = Assert.Single(await store.LockOrchestrationsAsync("backend-b", 1, TimeSpan.FromSeconds(30), CancellationToken.None));

        Assert.False(await store.CommitOrchestrationAsync(first, Step(first, startsChild, "late", clock), CancellationToken.None));
        Assert.Null(await store.GetInstanceAsync("late-child", CancellationToken.None));
        Assert.True(await store.CommitOrchestrationAsync(second, Step(second, startsChild, "current", clock), CancellationToken.None));

        var history = await store.GetHistoryAsync("handed-on", CancellationToken.None);
        Assert.Equal(["OrchestratorStarted", "ExecutionStarted", startsChild ? "SubOrchestrationInstanceCreated" : "TaskScheduled"], history.Select(e => e.EventTypeCase.ToString()));
        Assert.Equal(startsChild ? "current-child" : "current", startsChild ? history[2].SubOrchestrationInstanceCreated.InstanceId : history[2].TaskScheduled.Name);
        if (startsChild)
        {
            Assert.NotNull(await store.GetInstanceAsync("current-child", CancellationToken.None));
        }
        else
        {
            var task = Assert.Single(await store.LockActivitiesAsync("backend-b", 10, TimeSpan.FromSeconds(30), CancellationToken.None));
            Assert.Equal("current", task.Name);
        }
    }

    private static OrchestrationCheckpoint Step(OrchestrationWorkItem item, bool startsChild, string name, TimeProvider clock)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var plan = StepPlan.For(item, now, maxDequeueCount: 10);
        var action = startsChild
            ? new P.OrchestratorAction { Id = 0, CreateSubOrchestration = new P.CreateSubOrchestrationAction { InstanceId = name + "-child", Name = "AnyOrchestrator" } }
            : new P.OrchestratorAction { Id = 0, ScheduleTask = new P.ScheduleTaskAction { Name = name } };
        return ActionApplier.Apply(item, plan, [action], customStatus: null, now);
    }
}
