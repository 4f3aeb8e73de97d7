using Microsoft.Extensions.DependencyInjection;

namespace Durable.Backend.Tests.Leases;

/// <summary>Calls one activity, which waits at the test's gate.</summary>
public sealed class WaitsAtGate : TaskOrchestrator<object?, string>
{
    public override Task<string> RunAsync(TaskOrchestrationContext context, object? input) =>
        context.CallActivityAsync<string>(nameof(PassGate));
}

public sealed class PassGate(ActivityGate gate) : TaskActivity<object?, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, object? input)
    {
        gate.Arrived();
        await gate.Opened;
        return "passed";
    }
}

/// <summary>Holds every activity that arrives until the test opens it, and counts them.</summary>
public sealed class ActivityGate
{
    private readonly TaskCompletionSource open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int arrived;

    public int Arrived() => Interlocked.Increment(ref this.arrived);

    public int Count => Volatile.Read(ref this.arrived);

    public Task Opened => this.open.Task;

    public void Open() => this.open.TrySetResult();
}

/// <summary>
/// On PostgreSQL the backend keeps an orchestration's lease while its worker runs the step's activities, and hands the
/// results over in memory (an orchestration session). Such an orchestration still counts against its worker's orchestration limit: otherwise one
/// service instance leased more orchestrations than it had activity slots to keep, and their tasks took the slow way
/// through the database, while other instances could have run them.
/// </summary>
public sealed class SessionSlotTests
{
    [Fact]
    public async Task Orchestrations_waiting_in_memory_for_their_activities_hold_their_workers_orchestration_slots()
    {
        var gate = new ActivityGate();
        await using var durable = await DurableEngine.StartAsync(
            DurableEngine.Postgres,
            r => r.AddOrchestrator<WaitsAtGate>().AddActivity<PassGate>(),
            backend: o => o.MaxConcurrentOrchestrations = 2,
            services: s => s.AddSingleton(gate));
        var ids = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            ids.Add(await durable.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitsAtGate)));
        }

        await Waits.Until(() => Task.FromResult(gate.Count >= 2), () => $"two activities at the gate (there are {gate.Count})");

        // Well inside the session idle timeout, after which an orchestration with no result yet hands back its lease and slot.
        await Task.Delay(Durable.Backend.Dispatch.WorkItemDispatcher.SessionIdleTimeout * 0.3);
        Assert.Equal(2, gate.Count);

        gate.Open();
        foreach (var id in ids)
        {
            var done = await durable.Client.CompletionAsync(id);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
            Assert.Equal("passed", done.ReadOutputAs<string>());
        }

        Assert.Equal(6, gate.Count);
    }
}
