using System.Collections.Concurrent;
using Durable.Runtime;
using Durable.Testing;

namespace Durable.Tests.Worker;

public class TwoWorkersTests
{
    private const int Instances = 200;

    [Fact]
    public async Task Two_worker_hosts_on_one_database_complete_every_instance_applying_each_activity_result_exactly_once()
    {
        var directory = Directory.CreateTempSubdirectory("durable-two-workers-").FullName;
        var path = Path.Combine(directory, "durable.db");
        var ranOn = new ConcurrentDictionary<string, int>();
        DurableTaskBuilder Worker(DurableTaskBuilder d, string name) => d
            .AddOrchestratorFunc<int, int>("SequenceAndFanOut", async (ctx, n) =>
            {
                var value = await ctx.CallActivityAsync<int>("AddOne", n);
                value = await ctx.CallActivityAsync<int>("AddOne", value);
                var doubled = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => ctx.CallActivityAsync<int>("Double", value)));
                return doubled.Sum();
            })
            .AddActivityFunc<int, int>("AddOne", async (_, n) =>
            {
                ranOn.AddOrUpdate(name, 1, (_, c) => c + 1);
                await Task.Delay(5);
                return n + 1;
            })
            .AddActivityFunc<int, int>("Double", async (_, n) =>
            {
                ranOn.AddOrUpdate(name, 1, (_, c) => c + 1);
                await Task.Delay(5);
                return n * 2;
            })
            // Few slots and slow-ish activities: neither worker can drain the queue before the other polls.
            .Configure(o => o.MaxConcurrentActivities = 4);
        try
        {
            await using var first = await DurableTestHost.StartAsync(d => Worker(d, "first"), databasePath: path);
            await using var second = await DurableTestHost.StartAsync(d => Worker(d, "second"), databasePath: path);

            await Task.WhenAll(Enumerable.Range(0, Instances).Select(n =>
                (n % 2 == 0 ? first : second).Client.ScheduleNewOrchestrationInstanceAsync("SequenceAndFanOut", n, new($"two-{n}"))));
            var done = await Task.WhenAll(Enumerable.Range(0, Instances).Select(n => first.CompletionAsync($"two-{n}")));

            Assert.All(done, d => Assert.Equal(OrchestrationRuntimeStatus.Completed, d.RuntimeStatus));
            Assert.Equal(Enumerable.Range(0, Instances).Select(n => (n + 2) * 2 * 3), done.Select(d => d.ReadOutputAs<int>()));
            Assert.True(ranOn.ContainsKey("first") && ranOn.ContainsKey("second"), $"activities ran on: {string.Join(", ", ranOn)}");
            foreach (var n in Enumerable.Range(0, Instances))
            {
                var history = await first.HistoryAsync($"two-{n}");
                var scheduled = history.Where(e => e.Type == EventType.TaskScheduled).Select(e => e.EventId).Order().ToList();
                var completed = history.Where(e => e.Type == EventType.TaskCompleted).Select(e => e.TaskScheduledId).Order().ToList();
                Assert.Equal(5, scheduled.Count);
                Assert.Equal(scheduled, completed);
                Assert.Single(history, e => e.Type == EventType.ExecutionStarted);
                Assert.Single(history, e => e.Type == EventType.ExecutionCompleted);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
