using System.Diagnostics;
using Durable.Backend.Tests.Crash;
using Durable.Backend.Tests.Isolation;
using Testing.Postgres;
using Xunit.Abstractions;

namespace Durable.Backend.Tests.SharedDatabase.Faults;

/// <summary>
/// Three backend processes on one PostgreSQL database (the crash worker's postgres mode: our backend in process, the
/// SDK worker on it), a batch of care-transition-shaped orchestrations (<see cref="CrashWorker.CrashWorkload"/>: five
/// activities in sequence, a fan-out of five, an event raised before the start and one later, a durable timer), one
/// process at a time killed with SIGKILL every few seconds and started again, and PostgreSQL itself restarted once
/// mid-run. Every instance must complete once with its output, every history must be whole, and no event or activity
/// result may be lost or applied twice; activities may run again (a killed process's leases expire and another takes
/// the work), which the test reports.
/// </summary>
/// <remarks>
/// The cluster is the test's own (<see cref="PostgresCluster.StartOwnAsync"/>, same fixture code, fsync off): it is
/// restarted, and the shared one serves other tests (with TEST_POSTGRES, other test processes). The client in the test
/// process has its own backend on the database and is never killed, so its calls are made once (one that right after
/// the restart meets a connection the restart cut, and so stored nothing, is sent again); while the database restarts
/// it only reads.
/// </remarks>
[Collection(nameof(RunsAlone))]
public sealed class SharedDatabaseFaultTests(ITestOutputHelper output)
{
    /// <summary>
    /// Instances in the batch: 20 000 activity executions. The test took 2 min 24 s with 2 000 on the 2-core development
    /// machine while other engineers' builds and tests ran on it (load average about 20): 23 s to schedule, the database
    /// restarted at a third of the activities, 28 kills; 600 took 72 s.
    /// </summary>
    private const int Instances = 2000;

    private const int Workers = 3;

    /// <summary>Short, so a killed process's work is taken over within seconds (30 s by default).</summary>
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(3);

    private static readonly TimeSpan CompletionDeadline = TimeSpan.FromMinutes(6);

    /// <summary>How long scheduling the batch, or raising its late events, may take.</summary>
    private static readonly TimeSpan CallsDeadline = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Three_backends_on_one_database_killed_in_turn_and_the_database_restarted_complete_every_instance_once_with_whole_histories()
    {
        var clock = Stopwatch.StartNew();
        await using var cluster = await PostgresCluster.StartOwnAsync();
        var database = await cluster.Cluster.CreateDatabaseAsync(); // goes with the cluster
        await using var deployment = await SharedDatabaseDeployment.StartAsync(database.ConnectionString, Workers, Lease);
        using var stopKilling = new CancellationTokenSource();
        var killer = Task.CompletedTask;
        try
        {
            var batch = new CrashBatch(deployment, Instances, CompletionDeadline, line => this.Log(clock, line));
            for (var slot = 0; slot < Workers; slot++)
            {
                deployment.Start(slot);
            }

            var kills = new KillLoop(deployment, new Random(20261201));
            killer = kills.RunAsync(stopKilling.Token);
            await batch.ScheduleAsync(parallelism: 8).WaitAsync(CallsDeadline);
            this.Log(clock, $"{Instances} instances scheduled with their early events");

            // PostgreSQL restarts mid-run: once a third of the activities have run.
            await WaitUntilAsync(() => batch.ActivitiesRun >= batch.ScheduledActivities / 3, TimeSpan.FromMinutes(3), "a third of the activities to run");
            deployment.Note("restarting PostgreSQL");
            var restart = Stopwatch.StartNew();
            await cluster.RestartAsync();
            this.Log(clock, $"PostgreSQL restarted in {restart.Elapsed.TotalSeconds:F1} s at {batch.ActivitiesRun}/{batch.ScheduledActivities} activities");

            // The database is up and stays up: a call that fails now met a pooled connection the restart cut off, at its
            // first statement, before anything was stored (the backend answers Unavailable), and is sent again.
            await batch.RaiseLateEventsAsync(parallelism: 8).WaitAsync(CallsDeadline);
            this.Log(clock, "late events raised");

            var waited = await batch.AssertAllCompleteWithTheirOutputAsync();
            await stopKilling.CancelAsync();
            await killer;
            this.Log(clock, $"every instance completed {waited.TotalSeconds:F0} s after the late events; {kills.Kills} kills, {kills.Exits} processes that exited by themselves");

            await batch.AssertEachResultAppliedOnceAsync();
            var (executions, distinct) = batch.AssertEveryActivityRan();
            this.Log(clock, $"{executions} activity executions for {batch.ScheduledActivities} scheduled activities ({executions - distinct} re-runs; every result applied once)");
            Assert.True(kills.Kills >= 5, $"only {kills.Kills} kills: the processes were not killed often enough to test anything");
        }
        finally
        {
            await stopKilling.CancelAsync();
            await Task.WhenAny(killer);
            if (killer.IsFaulted)
            {
                output.WriteLine($"the kill loop failed: {killer.Exception}");
            }

            output.WriteLine("--- last lines of the processes' output ---");
            foreach (var line in deployment.ProcessOutputTail)
            {
                output.WriteLine(line);
            }
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan within, string what)
    {
        var started = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(started.Elapsed < within, $"Timed out after {within.TotalSeconds} s waiting for {what}.");
            await Task.Delay(500); // each look reads every execution log
        }
    }

    private void Log(Stopwatch clock, string line) => output.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  {line}");

    /// <summary>
    /// Kills one worker process at a random moment every 2–6 s and starts it again after a moment's downtime; a process
    /// that exited by itself (it could not open the store while the database restarted) is started again at once.
    /// </summary>
    private sealed class KillLoop(SharedDatabaseDeployment deployment, Random random)
    {
        public int Kills { get; private set; }

        public int Exits { get; private set; }

        public async Task RunAsync(CancellationToken stop)
        {
            var nextKill = Stopwatch.StartNew();
            var interval = TimeSpan.FromMilliseconds(random.Next(2000, 6000));
            while (!stop.IsCancellationRequested)
            {
                foreach (var slot in deployment.Stopped.ToList())
                {
                    this.Exits++;
                    deployment.Note($"worker{slot} exited by itself; starting it again");
                    deployment.Start(slot);
                }

                if (nextKill.Elapsed >= interval)
                {
                    var slot = random.Next(deployment.Workers);
                    await deployment.KillAsync(slot);
                    this.Kills++;
                    await Task.Delay(random.Next(0, 500), CancellationToken.None); // down for a moment, as in a real restart
                    deployment.Start(slot);
                    nextKill.Restart();
                    interval = TimeSpan.FromMilliseconds(random.Next(2000, 6000));
                }

                try
                {
                    await Task.Delay(100, stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
