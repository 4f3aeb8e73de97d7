using System.Collections.Concurrent;
using Durable.Runtime;
using Durable.Testing;

namespace Durable.Tests.Runtime;

public sealed record Order(string Id, int Quantity, decimal UnitPrice);

public sealed record Invoice(string OrderId, decimal Total, IReadOnlyList<string> Lines);

public class ActivityTests
{
    [Fact]
    public async Task A_sequence_of_activities_runs_each_once_in_order_and_returns_their_results()
    {
        var calls = new ConcurrentQueue<string>();
        await using var host = await DurableTestHost.StartAsync(d => d
            .AddOrchestratorFunc<string, string>("Sequence", async (ctx, input) =>
            {
                var a = await ctx.CallActivityAsync<string>("Append", input + "a");
                var b = await ctx.CallActivityAsync<string>("Append", a + "b");
                return await ctx.CallActivityAsync<string>("Append", b + "c");
            })
            .AddActivityFunc<string, string>("Append", (_, s) =>
            {
                calls.Enqueue(s);
                return Task.FromResult(s + "-");
            }));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Sequence", ">");
        var done = await host.CompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(">a-b-c-", done.ReadOutputAs<string>());
        Assert.Equal([">a", ">a-b", ">a-b-c"], calls);
    }

    [Fact]
    public async Task Fan_out_schedules_all_activities_in_one_step_and_fan_in_gets_every_result()
    {
        var calls = new ConcurrentBag<int>();
        await using var host = await DurableTestHost.StartAsync(d => d
            .AddOrchestratorFunc<int, int[]>("FanOut", async (ctx, n) =>
                await Task.WhenAll(Enumerable.Range(1, n).Select(i => ctx.CallActivityAsync<int>("Square", i))))
            .AddActivityFunc<int, int>("Square", async (_, i) =>
            {
                calls.Add(i);
                await Task.Delay(10 * (i % 3)); // Results arrive out of order.
                return i * i;
            }));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("FanOut", 10);
        var done = await host.CompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => i * i), done.ReadOutputAs<int[]>());
        Assert.Equal(Enumerable.Range(1, 10), calls.Order());
        var history = await host.HistoryAsync(id);
        var firstStep = history.TakeWhile((e, i) => i == 0 || e.Type != EventType.OrchestratorStarted).ToList();
        Assert.Equal(10, firstStep.Count(e => e.Type == EventType.TaskScheduled));
    }

    [Fact]
    public async Task Records_pass_through_orchestrator_input_activity_input_and_output()
    {
        await using var host = await DurableTestHost.StartAsync(d => d
            .AddOrchestratorFunc<Order, Invoice>("Bill", (ctx, order) => ctx.CallActivityAsync<Invoice>("MakeInvoice", order))
            .AddActivityFunc<Order, Invoice>("MakeInvoice", (_, o) =>
                Task.FromResult(new Invoice(o.Id, o.Quantity * o.UnitPrice, [$"{o.Quantity} × {o.UnitPrice}"]))));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Bill", new Order("o-1", 3, 2.50m));
        var done = await host.CompletionAsync(id);

        Assert.Equal(new Order("o-1", 3, 2.50m), done.ReadInputAs<Order>());
        var invoice = done.ReadOutputAs<Invoice>()!;
        Assert.Equal("o-1", invoice.OrderId);
        Assert.Equal(7.50m, invoice.Total);
        Assert.Equal(["3 × 2.50"], invoice.Lines);
    }

    [Fact]
    public async Task An_activity_exception_reaches_the_orchestrator_as_TaskFailedException_with_failure_details()
    {
        await using var host = await DurableTestHost.StartAsync(d => d
            .AddOrchestratorFunc<string, string>("Catches", async (ctx, _) =>
            {
                try
                {
                    await ctx.CallActivityAsync<string>("OutOfStock");
                    return "no exception";
                }
                catch (TaskFailedException e)
                {
                    var f = e.FailureDetails;
                    return $"{e.TaskName}|{e.TaskId}|{f.ErrorType}|{f.ErrorMessage}|{f.IsCausedBy<InvalidOperationException>()}|{f.StackTrace is not null}";
                }
            })
            .AddActivityFunc<string, string>("OutOfStock", (_, _) => throw new InvalidOperationException("out of stock")));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Catches");
        var done = await host.CompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("OutOfStock|0|System.InvalidOperationException|out of stock|True|True", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task An_unhandled_activity_failure_fails_the_orchestration_with_the_activity_failure_inside()
    {
        await using var host = await DurableTestHost.StartAsync(d => d
            .AddOrchestratorFunc<string, string>("DoesNotCatch", (ctx, _) => ctx.CallActivityAsync<string>("OutOfStock"))
            .AddActivityFunc<string, string>("OutOfStock", (_, _) => throw new InvalidOperationException("out of stock")));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("DoesNotCatch");
        var done = await host.CompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Null(done.SerializedOutput);
        var failure = done.FailureDetails!;
        Assert.Equal(typeof(TaskFailedException).FullName, failure.ErrorType);
        Assert.Contains("OutOfStock", failure.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(typeof(InvalidOperationException).FullName, failure.InnerFailure?.ErrorType);
        Assert.Equal("out of stock", failure.InnerFailure?.ErrorMessage);
        Assert.NotNull(done.CompletedAt);
    }

    [Fact]
    public async Task An_unregistered_activity_fails_its_task_with_a_reason_naming_it()
    {
        await using var host = await DurableTestHost.StartAsync(d => d
            .AddOrchestratorFunc<string, string>("CallsMissing", (ctx, _) => ctx.CallActivityAsync<string>("Missing")));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("CallsMissing");
        var done = await host.CompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Contains("'Missing'", done.FailureDetails?.InnerFailure?.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_activity_running_longer_than_its_lease_keeps_the_lease_and_runs_once()
    {
        var runs = 0;
        await using var host = await DurableTestHost.StartAsync(d => d
            .AddOrchestratorFunc<string, string>("CallsSlow", (ctx, _) => ctx.CallActivityAsync<string>("Slow"))
            .AddActivityFunc<string, string>("Slow", async (_, _) =>
            {
                var run = Interlocked.Increment(ref runs);
                await Task.Delay(TimeSpan.FromSeconds(3.5));
                return $"run {run}";
            })
            .Configure(o => o.LeaseDuration = TimeSpan.FromSeconds(2))); // Renewed every 2/3 s.

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("CallsSlow");
        var done = await host.CompletionAsync(id);

        Assert.Equal("run 1", done.ReadOutputAs<string>());
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task After_a_lost_lease_the_rerun_keeps_its_own_lease_when_the_first_run_ends()
    {
        var runs = 0;
        var firstRunStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondRunStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseFirstRun = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await DurableTestHost.StartAsync(d => d
            .AddOrchestratorFunc<string, string>("CallsSlow", (ctx, _) => ctx.CallActivityAsync<string>("Slow"))
            .AddActivityFunc<string, string>("Slow", async (_, _) =>
            {
                var run = Interlocked.Increment(ref runs);
                if (run == 1)
                {
                    firstRunStarted.SetResult();
                    await releaseFirstRun.Task;
                }
                else
                {
                    secondRunStarted.TrySetResult();
                    await Task.Delay(TimeSpan.FromSeconds(3)); // Longer than the lease: it must be renewed.
                }

                return $"run {run}";
            })
            .Configure(o => o.LeaseDuration = TimeSpan.FromSeconds(1.5)));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("CallsSlow");
        await firstRunStarted.Task.WaitAsync(HostWaits.Deadline);

        // The first run's lease is lost (as after a long pause); this worker takes the task again.
        await host.ExecuteSqlAsync("UPDATE NewTasks SET LockedBy = NULL, VisibleAt = 0");
        await secondRunStarted.Task.WaitAsync(HostWaits.Deadline);
        releaseFirstRun.SetResult();
        var done = await host.CompletionAsync(id);

        Assert.Equal("run 2", done.ReadOutputAs<string>());
        Assert.Equal(2, runs);
    }
}
