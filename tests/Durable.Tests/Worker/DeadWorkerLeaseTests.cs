using System.Diagnostics;
using Durable.Storage;
using Durable.Testing;
using Durable.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace Durable.Tests.Worker;

public sealed class DeadWorkerLeaseTests
{
    [Fact]
    public async Task A_restarted_worker_takes_back_a_dead_predecessors_leases_and_leaves_a_live_workers_alone()
    {
        var directory = Directory.CreateTempSubdirectory("durable-dead-").FullName;
        var database = Path.Combine(directory, "durable.db");
        using var alive = Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;
        var deadOwner = $"{Environment.MachineName}:{await DeadProcessIdAsync()}:deadbeef";
        var liveOwner = $"{Environment.MachineName}:{alive.Id}:a11ve000";
        try
        {
            // Two workers that are gone (or busy) hold ten-minute leases on one instance each.
            await using (var before = await DurableTestHost.StartAsync(d => d.Configure(o => o.EnableWorker = false), databasePath: database))
            {
                var store = before.Services.GetRequiredService<IOrchestrationStore>();
                await before.Client.ScheduleNewOrchestrationInstanceAsync("Echo", 1, new StartOrchestrationOptions("held-by-dead"));
                Assert.Single(await store.LockOrchestrationsAsync(deadOwner, 10, TimeSpan.FromMinutes(10), CancellationToken.None));
                await before.Client.ScheduleNewOrchestrationInstanceAsync("Echo", 2, new StartOrchestrationOptions("held-by-live"));
                Assert.Single(await store.LockOrchestrationsAsync(liveOwner, 10, TimeSpan.FromMinutes(10), CancellationToken.None));
            }

            await using var after = await DurableTestHost.StartAsync(
                d => d.AddOrchestratorFunc<int, int>("Echo", (_, x) => Task.FromResult(x)), databasePath: database);

            // Far inside the ten-minute lease: only a released lease lets it complete.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var done = await after.Client.WaitForInstanceCompletionAsync("held-by-dead", getInputsAndOutputs: true, timeout.Token);
            Assert.Equal(1, done.ReadOutputAs<int>());

            var owners = await after.Services.GetRequiredService<IOrchestrationStore>().GetLeaseOwnersAsync(CancellationToken.None);
            Assert.Contains(liveOwner, owners);
            Assert.DoesNotContain(deadOwner, owners);
            Assert.Equal(OrchestrationRuntimeStatus.Pending, (await after.Client.GetInstanceAsync("held-by-live"))!.RuntimeStatus);
        }
        finally
        {
            alive.Kill();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData("other-machine:1:abcdef12", false)]
    [InlineData("a-worker-named-by-hand", false)]
    [InlineData("{machine}:not-a-pid:abcdef12", false)]
    [InlineData("{machine}:{self}:0ther000", true)]
    public void IsDeadOnThisMachine_OwnerShapes_OnlyCertainlyDeadOnesAreReclaimed(string owner, bool dead)
    {
        owner = owner.Replace("{machine}", Environment.MachineName, StringComparison.Ordinal)
            .Replace("{self}", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var self = $"{Environment.MachineName}:{Environment.ProcessId}:5e1f0000";
        Assert.Equal(dead, DeadWorkerLeases.IsDeadOnThisMachine(owner, self));
        Assert.False(DeadWorkerLeases.IsDeadOnThisMachine(self, self));
    }

    private static async Task<int> DeadProcessIdAsync()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        await process.WaitForExitAsync();
        return process.Id;
    }
}
