using System.Diagnostics;

namespace Durable.Backend.Tests.SharedDatabase;

/// <summary>
/// PostgreSQL only: several backend processes (here, hosts in this process, each with its own store, pool and listener)
/// share one database. Work is leased by whichever is free, wakes the others by NOTIFY rather than on a poll, and a
/// dead one's leased work is taken over when its lease expires.
/// </summary>
public class SharedDatabaseTests
{
    private static readonly TimeSpan SlowPoll = TimeSpan.FromSeconds(30);

    private static void FansOut(DurableTaskRegistry r) => r
        .AddOrchestratorFunc<int, string[]>("FansOut", (ctx, n) => Task.WhenAll(Enumerable.Range(1, n).Select(i => ctx.CallActivityAsync<string>(nameof(RecordsItsHost), i))))
        .AddActivity<RecordsItsHost>();

    private static void WaitsForGo(DurableTaskRegistry r) => r
        .AddOrchestratorFunc<string>("WaitsForGo", async ctx =>
        {
            ctx.SetCustomStatus("waiting");
            return await ctx.WaitForExternalEvent<string>("Go");
        });

    [Fact]
    public async Task An_orchestration_started_through_one_host_completes_with_its_activities_leased_by_both_hosts()
    {
        await using var database = await SharedHost.NewDatabaseAsync();
        var log = new ActivityLog();
        // Two activities at a time each: twenty of them keep the first host busy long enough for the second to take some.
        await using var a = await SharedHost.StartAsync(database, "A", FansOut, o => o.MaxConcurrentActivities = 2, log);
        await using var b = await SharedHost.StartAsync(database, "B", FansOut, o => o.MaxConcurrentActivities = 2, log);

        var id = await a.Client.ScheduleNewOrchestrationInstanceAsync("FansOut", 20);
        var done = await a.Client.CompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var results = done.ReadOutputAs<string[]>()!;
        Assert.Equal(Enumerable.Range(1, 20).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), results.Select(r => r.Split('@')[0]));
        Assert.Equal(Enumerable.Range(1, 20), log.Runs.Select(r => r.Input).Order()); // each call ran once, on one host
        Assert.Contains(log.Runs, r => r.Host == "A");
        Assert.Contains(log.Runs, r => r.Host == "B");
    }

    [Fact]
    public async Task An_event_raised_through_another_host_wakes_the_waiting_orchestrator_at_once_without_a_poll()
    {
        await using var database = await SharedHost.NewDatabaseAsync();
        await using var a = await SharedHost.StartAsync(database, "A", WaitsForGo, o => o.PollingInterval = SlowPoll);
        await using var b = await SharedHost.StartAsync(database, "B", tasks: null, o => o.PollingInterval = SlowPoll); // a client, no worker
        var id = await a.Client.ScheduleNewOrchestrationInstanceAsync("WaitsForGo");
        await a.Client.UntilCustomStatusAsync(id, "waiting");
        await b.Client.GetInstanceAsync(id); // B's channel is connected before the clock starts

        var clock = Stopwatch.StartNew();
        await b.Client.RaiseEventAsync(id, "Go", "from B");
        var done = await b.Client.CompletionAsync(id);
        clock.Stop();

        // Polls come every 30 s: only the notifications (B's event to A's dispatcher, A's completion to B's waiter) explain this.
        Assert.Equal("from B", done.ReadOutputAs<string>());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"the event took {clock.Elapsed.TotalMilliseconds:F0} ms to complete the instance");
    }

    [Fact]
    public async Task The_listeners_reconnect_by_themselves_when_their_connections_drop_and_wake_workers_again()
    {
        await using var database = await SharedHost.NewDatabaseAsync();
        await using var a = await SharedHost.StartAsync(database, "A", WaitsForGo, o => o.PollingInterval = SlowPoll);
        await using var b = await SharedHost.StartAsync(database, "B", tasks: null, o => o.PollingInterval = SlowPoll);
        var id = await a.Client.ScheduleNewOrchestrationInstanceAsync("WaitsForGo");
        await a.Client.UntilCustomStatusAsync(id, "waiting");
        const string listeners = "FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE '% listener'";
        var before = await SharedHost.CountAsync(database, $"SELECT COALESCE(SUM(pid), 0) {listeners}");

        // As in a network cut or a server restart: both listening connections are cut off.
        Assert.Equal(2, await SharedHost.CountAsync(database, $"SELECT COUNT(pg_terminate_backend(pid)) {listeners}"));
        await Waits.Until(
            async () => await SharedHost.CountAsync(database, $"SELECT COUNT(*) {listeners}") == 2
                && await SharedHost.CountAsync(database, $"SELECT COALESCE(SUM(pid), 0) {listeners}") != before,
            () => "both listeners to be connected again");

        var clock = Stopwatch.StartNew();
        await b.Client.RaiseEventAsync(id, "Go", "after the reconnect");
        var done = await b.Client.CompletionAsync(id);
        clock.Stop();

        Assert.Equal("after the reconnect", done.ReadOutputAs<string>());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"the event took {clock.Elapsed.TotalMilliseconds:F0} ms to complete the instance");
    }

    [Fact]
    public async Task Work_leased_by_a_host_that_died_is_taken_over_by_another_when_its_lease_expires()
    {
        var lease = TimeSpan.FromSeconds(2);
        var attempts = 0;
        var firstAttemptStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstAttemptMayEnd = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Tasks(DurableTaskRegistry r) => r
            .AddOrchestratorFunc<string>("CallsSlow", ctx => ctx.CallActivityAsync<string>("Slow"))
            .AddActivityFunc<string>("Slow", async _ =>
            {
                var attempt = Interlocked.Increment(ref attempts);
                if (attempt == 1)
                {
                    firstAttemptStarted.TrySetResult();
                    await firstAttemptMayEnd.Task.WithDeadline();
                }

                return $"attempt {attempt}";
            });

        await using var database = await SharedHost.NewDatabaseAsync();
        var a = await SharedHost.StartAsync(database, "A", Tasks, o => o.LeaseDuration = lease);
        var id = await a.Client.ScheduleNewOrchestrationInstanceAsync("CallsSlow");
        await firstAttemptStarted.Task.WithDeadline();

        // B starts beside A, which is alive and renews its lease: B neither hands A's lease back at its start nor takes it over.
        await using var b = await SharedHost.StartAsync(database, "B", Tasks, o => o.LeaseDuration = lease);
        await Task.Delay(lease + lease / 4);
        Assert.Equal(1, attempts);

        await a.KillAsync();
        var killed = Stopwatch.StartNew();
        firstAttemptMayEnd.SetResult(); // its result has nowhere to go: A's store is gone
        var done = await b.Client.CompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(2, attempts);
        Assert.Equal("attempt 2", done.ReadOutputAs<string>());
        // Taken over once A's lease (renewed every 2/3 s until the kill) ran out, not before.
        Assert.InRange(killed.Elapsed, lease / 2, lease + TimeSpan.FromSeconds(10));
    }
}
