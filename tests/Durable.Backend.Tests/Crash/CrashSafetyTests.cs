using Durable.Backend.Tests.Isolation;
using Xunit.Abstractions;

namespace Durable.Backend.Tests.Crash;

/// <summary>
/// The backend server and an SDK worker in processes of their own, one of them killed with SIGKILL at random
/// moments while a batch of orchestrations is in flight and started again on the same port and data folder.
/// Every instance must complete with the right output, and every activity result must be in its history once.
/// Activities may run again after a crash (their line is in the execution log twice); results may not be applied twice.
/// </summary>
[Collection(nameof(RunsAlone))]
public sealed class CrashSafetyTests(ITestOutputHelper output)
{
    private const int Instances = 60;

    /// <summary>How long a restarted process may take to run an activity again before the test stops killing.</summary>
    private static readonly TimeSpan ProgressDeadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Backend_killed_at_random_moments_and_restarted_loses_no_result_and_applies_none_twice()
    {
        await using var deployment = await KillableDeployment.StartAsync();
        try
        {
            var batch = new CrashBatch(deployment, Instances);
            await batch.ScheduleAsync();
            deployment.StartWorker();

            var random = new Random(20261123);
            var kills = 0;
            for (var round = 0; round < 6; round++)
            {
                if (!await this.WaitForActivitiesAsync(deployment, batch, round == 0 ? "the worker's start" : "the backend's restart"))
                {
                    break;
                }

                await Task.Delay(random.Next(300, 1500));
                await deployment.KillBackendAsync();
                kills++;
                await Task.Delay(random.Next(0, 300)); // Down for a moment, as in a real restart.
                await deployment.StartBackendAsync();
                output.WriteLine($"kill {kills}: {deployment.ExecutionCount} executions, {await batch.CountCompletedAsync()}/{Instances} completed");
                if (round == 1)
                {
                    await batch.RaiseLateEventsAsync(); // The backend is up and no kill comes until this returns.
                }
            }

            if (kills < 2)
            {
                await batch.RaiseLateEventsAsync();
            }

            await this.AssertOutcomeAsync(deployment, batch, kills);
        }
        finally
        {
            this.WriteProcessOutput(deployment);
        }
    }

    [Fact]
    public async Task Worker_killed_at_random_moments_and_restarted_loses_no_result_and_applies_none_twice()
    {
        await using var deployment = await KillableDeployment.StartAsync();
        try
        {
            var batch = new CrashBatch(deployment, Instances);
            await batch.ScheduleAsync();

            var random = new Random(20261124);
            var kills = 0;
            for (var round = 0; round < 6; round++)
            {
                deployment.StartWorker();
                if (!await this.WaitForActivitiesAsync(deployment, batch, "the worker's start"))
                {
                    break;
                }

                await Task.Delay(random.Next(300, 1500));
                await deployment.KillWorkerAsync();
                kills++;
                output.WriteLine($"kill {kills}: {deployment.ExecutionCount} executions, {await batch.CountCompletedAsync()}/{Instances} completed");
                if (round == 1)
                {
                    await batch.RaiseLateEventsAsync(); // No worker runs: the events wait in the backend.
                }
            }

            if (kills < 2)
            {
                await batch.RaiseLateEventsAsync();
            }

            deployment.StartWorker();
            await this.AssertOutcomeAsync(deployment, batch, kills);
        }
        finally
        {
            this.WriteProcessOutput(deployment);
        }
    }

    /// <summary>
    /// Before a kill, waits until the worker runs activities again, so the kill lands in the middle of work rather
    /// than while the worker is still reconnecting; once every activity has run, kills go on among timers and events.
    /// False if nothing ran within the deadline: the test stops killing, and the outcome shows what was lost.
    /// </summary>
    private async Task<bool> WaitForActivitiesAsync(KillableDeployment deployment, CrashBatch batch, string since)
    {
        var before = deployment.ExecutionCount;
        if (batch.EveryActivityHasRun)
        {
            output.WriteLine("every activity has run; this kill lands among timers, events and completions");
            return true;
        }

        if (await deployment.WaitForExecutionsPastAsync(before, ProgressDeadline) is not { } after)
        {
            output.WriteLine($"no activity ran within {ProgressDeadline.TotalSeconds} s after {since}; no more kills");
            return false;
        }

        output.WriteLine($"activities ran again {after.TotalSeconds:F1} s after {since}");
        return true;
    }

    private async Task AssertOutcomeAsync(KillableDeployment deployment, CrashBatch batch, int kills)
    {
        var waited = await batch.AssertAllCompleteWithTheirOutputAsync();
        output.WriteLine($"every instance completed {waited.TotalSeconds:F1} s after the last kill's restart");
        await batch.AssertEachResultAppliedOnceAsync();
        var (executions, distinct) = batch.AssertEveryActivityRan();
        output.WriteLine($"{kills} kills; {executions} activity executions for {batch.ScheduledActivities} scheduled activities "
            + $"({executions - distinct} re-runs after crashes; every result applied once)");
        Assert.True(kills >= 3, "the process was not killed often enough to test anything");
    }

    private void WriteProcessOutput(KillableDeployment deployment)
    {
        output.WriteLine("--- last lines of the processes' output ---");
        foreach (var line in deployment.ProcessOutputTail)
        {
            output.WriteLine(line);
        }
    }
}
