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
/// A step that keeps its lease (the backend runs its activities itself and hands their results over in memory):
/// the instance and its new task stay leased to it, so no other backend takes them; the next step stores the result by
/// deleting the task under its lease; and a task whose lease was handed on makes that step store nothing, so a result
/// is never delivered twice. Driven on the PostgreSQL store directly, on a real database, with two owners.
/// </summary>
public sealed class CommitAndKeepLeaseTests
{
    [Fact]
    public async Task A_step_that_keeps_its_lease_holds_its_instance_and_task_and_the_next_step_stores_the_result_in_place_of_the_task()
    {
        await using var fixture = await Fixture.StartAsync();
        var store = fixture.Store;
        var (first, scheduled, taskNumber) = await KeepFirstStepAsync(fixture, TimeSpan.FromSeconds(30));
        Assert.Empty(await store.LockActivitiesAsync("backend-b", 10, TimeSpan.FromSeconds(30), CancellationToken.None));

        // The next step, on the result handed over in memory: the task row goes and the result is in the history.
        var second = WithResult(first, scheduled, taskId: 0);
        var next = await store.CommitAndKeepLeaseAsync(
            second, Step(second, schedules: null) with { ConsumedMessages = [], CompletedTasks = [new TaskLease(taskNumber, TaskLease.TokenFor(first.LeaseToken, 0))] },
            fixture.Now.AddSeconds(30), CancellationToken.None);
        Assert.NotNull(next);
        Assert.False(next.OtherWork);
        var history = await store.GetHistoryAsync("kept", CancellationToken.None);
        Assert.Equal(
            ["OrchestratorStarted", "ExecutionStarted", "TaskScheduled", "OrchestratorStarted", "TaskCompleted"],
            history.Select(e => e.EventTypeCase.ToString()));
        Assert.Equal(0L, await fixture.CountAsync("durable.new_tasks"));
    }

    [Fact]
    public async Task A_message_that_came_for_an_instance_whose_lease_is_kept_refuses_the_step_on_results_in_memory_and_comes_with_them_in_one_step()
    {
        await using var fixture = await Fixture.StartAsync();
        var store = fixture.Store;
        var (first, scheduled, taskNumber) = await KeepFirstStepAsync(fixture, TimeSpan.FromSeconds(30));

        // An event while the activity runs: nobody else takes the instance, whose lease is kept.
        await store.SendMessageAsync("kept", Durable.Backend.Dispatch.Events.EventRaised(DateTime.UtcNow, "Hello", null), CancellationToken.None);
        Assert.Empty(await store.LockOrchestrationsAsync("backend-b", 10, TimeSpan.FromSeconds(30), CancellationToken.None));

        // The step on the result alone is refused, nothing of it stored; the backend stores the result as a message and
        // hands the lease back, and the next step gets the result and the event together.
        var second = WithResult(first, scheduled, taskId: 0);
        Assert.Null(await store.CommitAndKeepLeaseAsync(
            second, Step(second, schedules: null) with { ConsumedMessages = [], CompletedTasks = [new TaskLease(taskNumber, TaskLease.TokenFor(first.LeaseToken, 0))] },
            fixture.Now.AddSeconds(30), CancellationToken.None));
        Assert.Equal(3, (await store.GetHistoryAsync("kept", CancellationToken.None)).Count);
        var task = new ActivityWorkItem(TaskLease.TokenFor(first.LeaseToken, 0), taskNumber, "kept", first.Instance.ExecutionId, 0, "Greet", null, null, 1, null, null);
        Assert.True(await store.CompleteActivityAsync(task, second.Messages[0].Event, null, CancellationToken.None));
        await store.ReleaseLeasesAsync([new HeldLease(first.LeaseToken, "kept")], CancellationToken.None);
        var third = Assert.Single(await store.LockOrchestrationsAsync("backend-b", 10, TimeSpan.FromSeconds(30), CancellationToken.None));
        Assert.Equal(["EventRaised", "TaskCompleted"], third.Messages.Select(m => m.Event.EventTypeCase.ToString()));
    }

    [Fact]
    public async Task A_step_whose_handed_over_result_belongs_to_a_task_leased_again_elsewhere_stores_nothing()
    {
        await using var fixture = await Fixture.StartAsync();
        var store = fixture.Store;
        var (first, scheduled, taskNumber) = await KeepFirstStepAsync(fixture, TimeSpan.FromMilliseconds(100));
        fixture.Clock.Advance(TimeSpan.FromMilliseconds(300)); // The task's lease runs out (its renewals stopped), and another backend runs it again.
        var again = Assert.Single(await store.LockActivitiesAsync("backend-b", 10, TimeSpan.FromSeconds(30), CancellationToken.None));
        Assert.Equal(taskNumber, again.SequenceNumber);

        var second = WithResult(first, scheduled, taskId: 0);
        Assert.Null(await store.CommitAndKeepLeaseAsync(
            second, Step(second, schedules: null) with { ConsumedMessages = [], CompletedTasks = [new TaskLease(taskNumber, TaskLease.TokenFor(first.LeaseToken, 0))] },
            fixture.Now.AddSeconds(30), CancellationToken.None));
        Assert.Equal(3, (await store.GetHistoryAsync("kept", CancellationToken.None)).Count);

        // The other backend's result is the one delivered.
        Assert.True(await store.CompleteActivityAsync(again, Durable.Backend.Dispatch.Events.TaskCompleted(DateTime.UtcNow, 0, "\"from b\""), null, CancellationToken.None));
        await store.ReleaseLeasesAsync([new HeldLease(first.LeaseToken, "kept")], CancellationToken.None);
        var next = Assert.Single(await store.LockOrchestrationsAsync("backend-b", 10, TimeSpan.FromSeconds(30), CancellationToken.None));
        Assert.Equal("\"from b\"", Assert.Single(next.Messages).Event.TaskCompleted.Result);
    }

    [Fact]
    public async Task Renewing_leases_skips_an_instance_whose_step_is_committing_instead_of_waiting_for_it()
    {
        await using var fixture = await Fixture.StartAsync();
        var store = fixture.Store;
        var (first, _, taskNumber) = await KeepFirstStepAsync(fixture, TimeSpan.FromSeconds(30));

        // A step of this instance is committing: its transaction holds the instance row, as the lease check does, and is
        // about to delete the task leased with it. A renewal that took the task and then waited for the instance would deadlock with it.
        await using var step = await fixture.ConnectAsync();
        await using var transaction = await step.BeginTransactionAsync();
        await using (var lockInstance = new Npgsql.NpgsqlCommand("SELECT 1 FROM durable.instances WHERE instance_id = 'kept' FOR UPDATE", step, transaction))
        {
            await lockInstance.ExecuteScalarAsync();
        }

        var renewal = store.RenewLeasesAsync(
            [new HeldLease(first.LeaseToken, "kept"), new HeldLease(TaskLease.TokenFor(first.LeaseToken, 0), null)], TimeSpan.FromMinutes(5), CancellationToken.None);
        Assert.Same(renewal, await Task.WhenAny(renewal, Task.Delay(TimeSpan.FromSeconds(10))));
        await renewal;

        // The step goes on without waiting and commits; the task it did not hold was extended, the instance is left to the step.
        await using (var deleteTask = new Npgsql.NpgsqlCommand($"DELETE FROM durable.new_tasks WHERE sequence_number = {taskNumber}", step, transaction))
        {
            deleteTask.CommandTimeout = 5;
            Assert.Equal(1, await deleteTask.ExecuteNonQueryAsync());
        }

        await transaction.RollbackAsync();
        var soon = fixture.Clock.GetUtcNow().AddMinutes(1).ToUnixTimeMilliseconds();
        Assert.True(await fixture.ScalarAsync<long>("SELECT visible_at FROM durable.new_tasks") > soon);
        Assert.True(await fixture.ScalarAsync<long>("SELECT lock_expiration FROM durable.instances WHERE instance_id = 'kept'") < soon);
    }

    /// <summary>Backend "a" leases the instance and commits a first step that schedules one task, keeping the lease for <paramref name="lease"/>.</summary>
    private static async Task<(OrchestrationWorkItem First, OrchestrationCheckpoint Scheduled, long TaskNumber)> KeepFirstStepAsync(Fixture fixture, TimeSpan lease)
    {
        var store = fixture.Store;
        var first = Assert.Single(await store.LockOrchestrationsAsync("backend-a", 1, TimeSpan.FromSeconds(30), CancellationToken.None));
        var scheduled = Step(first, schedules: "Greet");
        var kept = await store.CommitAndKeepLeaseAsync(first, scheduled, fixture.Now + lease, CancellationToken.None);
        Assert.NotNull(kept);
        Assert.False(kept.OtherWork);
        return (first, scheduled, Assert.Single(kept.TaskSequenceNumbers).Value);
    }

    private static OrchestrationCheckpoint Step(OrchestrationWorkItem item, string? schedules)
    {
        var plan = StepPlan.For(item, DateTime.UtcNow, maxDequeueCount: 10);
        P.OrchestratorAction[] actions = schedules is null ? [] : [new P.OrchestratorAction { Id = 0, ScheduleTask = new P.ScheduleTaskAction { Name = schedules } }];
        return ActionApplier.Apply(item, plan, actions, customStatus: null, DateTime.UtcNow);
    }

    /// <summary>The work item a session's next step gets: the history as committed, and the result as its message.</summary>
    private static OrchestrationWorkItem WithResult(OrchestrationWorkItem first, OrchestrationCheckpoint committed, int taskId) => first with
    {
        Instance = committed.State,
        History = [.. first.History, .. committed.NewHistory],
        Messages = [new QueuedMessage(long.MinValue, committed.State.ExecutionId, Durable.Backend.Dispatch.Events.TaskCompleted(DateTime.UtcNow, taskId, "\"hello\""), 1)],
    };

    /// <summary>A store on a fresh database, on a fake clock: a lease runs out when the test moves the clock on.</summary>
    private sealed class Fixture(TestDatabase database, PostgresBackendStore store, FakeTimeProvider clock) : IAsyncDisposable
    {
        public PostgresBackendStore Store => store;

        public FakeTimeProvider Clock => clock;

        public DateTime Now => clock.GetUtcNow().UtcDateTime;

        public Task<long> CountAsync(string table) => this.ScalarAsync<long>($"SELECT count(*) FROM {table}");

        public async Task<T> ScalarAsync<T>(string sql)
        {
            await using var connection = await this.ConnectAsync();
            await using var command = new Npgsql.NpgsqlCommand(sql, connection);
            return (T)(await command.ExecuteScalarAsync())!;
        }

        public async Task<Npgsql.NpgsqlConnection> ConnectAsync()
        {
            var connection = new Npgsql.NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync();
            return connection;
        }

        public static async Task<Fixture> StartAsync()
        {
            var cluster = await PostgresCluster.SharedAsync();
            var database = await cluster.CreateDatabaseAsync();
            var options = new DurableBackendOptions { Provider = "Postgres", PostgresConnectionString = database.ConnectionString };
            var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
            var store = PostgresBackendStore.Open(options, clock, NullLoggerFactory.Instance);
            await store.CreateInstanceAsync(new NewInstance("kept", "execution-1", "AnyOrchestrator", null, null, clock.GetUtcNow().UtcDateTime, null), null, CancellationToken.None);
            return new Fixture(database, store, clock);
        }

        public async ValueTask DisposeAsync()
        {
            await store.DisposeAsync();
            await database.DisposeAsync();
        }
    }
}
