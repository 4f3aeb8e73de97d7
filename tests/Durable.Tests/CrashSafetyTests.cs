using System.Diagnostics;
using Durable.CrashWorker;
using Durable.Runtime;
using Durable.Storage;
using Durable.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Durable.Tests;

/// <summary>
/// Runs the worker as a separate process on a SQLite file, kills it with SIGKILL at arbitrary moments
/// while a batch of orchestrations is in flight, restarts it, and checks that every instance completes
/// with the right output and that every activity result reached its orchestration exactly once.
/// </summary>
public sealed class CrashSafetyTests(ITestOutputHelper output)
{
    private const int Instances = 60;

    [Fact]
    public async Task Worker_killed_at_random_moments_loses_no_result_and_applies_none_twice()
    {
        var directory = Directory.CreateTempSubdirectory("durable-crash-").FullName;
        var database = Path.Combine(directory, "durable.db");
        try
        {
            // A client-only host on the same file: the work happens in the worker process.
            await using var client = await DurableTestHost.StartAsync(d => d.Configure(o => o.EnableWorker = false), databasePath: database);
            for (var i = 0; i < Instances; i++)
            {
                await client.Client.ScheduleNewOrchestrationInstanceAsync(nameof(CrashWorkload), i, new StartOrchestrationOptions($"crash-{i}"));
                await client.Client.RaiseEventAsync($"crash-{i}", CrashWorkload.EventName, i * 3); // before it starts
            }

            var random = new Random(20261122);
            var kills = 0;
            for (var round = 0; round < 8 && await CountCompletedAsync(client.Client) < Instances; round++)
            {
                using var worker = StartWorker(database);
                await Task.Delay(random.Next(150, 1200));
                worker.Kill(); // SIGKILL on Linux: no shutdown code runs.
                await worker.WaitForExitAsync();
                kills++;
                output.WriteLine($"kill {kills}: {await CountCompletedAsync(client.Client)}/{Instances} completed");
            }

            using (var finalWorker = StartWorker(database))
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
                for (var i = 0; i < Instances; i++)
                {
                    var done = await client.Client.WaitForInstanceCompletionAsync($"crash-{i}", getInputsAndOutputs: true, timeout.Token);
                    Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"crash-{i}: {done.RuntimeStatus} {done.FailureDetails}");
                    Assert.Equal(CrashWorkload.Expected(i, i * 3), done.ReadOutputAs<int>());
                }

                finalWorker.Kill();
                await finalWorker.WaitForExitAsync();
            }

            var store = client.Services.GetRequiredService<IOrchestrationStore>();
            for (var i = 0; i < Instances; i++)
            {
                AssertEachResultAppliedOnce(await store.GetHistoryAsync($"crash-{i}", CancellationToken.None));
            }

            var executions = File.Exists(database + ".executions") ? File.ReadAllLines(database + ".executions") : [];
            output.WriteLine($"{kills} kills; {executions.Length} activity executions for {Instances * 10} activities (re-runs after crashes are allowed; results applied once)");
            Assert.True(kills >= 3, "the worker was not killed often enough to test anything");
            Assert.True(executions.Length >= Instances * 10);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void AssertEachResultAppliedOnce(IReadOnlyList<HistoryEvent> history)
    {
        var scheduled = history.Where(e => e.Type == EventType.TaskScheduled).Select(e => e.EventId).ToList();
        var completed = history.Where(e => e.Type is EventType.TaskCompleted or EventType.TaskFailed).Select(e => e.TaskScheduledId).ToList();
        Assert.Equal(10, scheduled.Count);
        Assert.Equal(scheduled.Count, scheduled.Distinct().Count());
        Assert.Equal(scheduled.Order(), completed.Order());
        Assert.Single(history, e => e.Type == EventType.ExecutionCompleted);
        Assert.Single(history, e => e.Type == EventType.EventRaised);
    }

    private static async Task<int> CountCompletedAsync(DurableTaskClient client)
    {
        var page = await client.QueryInstancesAsync(new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Completed], PageSize = 1000 });
        return page.Values.Count;
    }

    private static Process StartWorker(string database)
    {
        var dll = typeof(CrashWorkload).Assembly.Location;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = false,
            RedirectStandardError = false,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add(database);
        return Process.Start(start) ?? throw new InvalidOperationException("The worker process did not start.");
    }
}
