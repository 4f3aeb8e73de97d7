using Durable.Benchmarks.Measurement;
using Durable.Benchmarks.Workloads;
using Durable.Benchmarks.Workloads.Sdk;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Durable.Benchmarks.Engines.Sdk;

/// <summary>
/// An engine reached through Microsoft's <see cref="DurableTaskClient"/> (ours and the test host): completion is what
/// the client's WaitForInstanceCompletion call observes, so each figure includes that notification's latency.
/// </summary>
internal sealed class SdkTarget(
    string name, string description, DurableTaskClient client, Func<ValueTask> stop, Func<(long Logical, long Physical)>? commitCounts = null) : IEngineTarget
{
    public string Name => name;

    public string Description => description;

    public (long Logical, long Physical)? CommitCounts => commitCounts?.Invoke();

    public Task StartAsync(Workload workload, string instanceId, int index) =>
        client.ScheduleNewOrchestrationInstanceAsync(SdkWorkloads.OrchestratorOf(workload), workload.Input(index), new StartOrchestrationOptions(instanceId));

    public async Task<TimeSpan> WaitForCompletionAsync(IReadOnlyList<string> instanceIds, RunClock clock, Action<int> completed)
    {
        await Task.WhenAll(instanceIds.Select(async id =>
        {
            var result = await client.WaitForInstanceCompletionAsync(id);
            if (result.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
            {
                throw new InvalidOperationException($"{name}: {id} ended {result.RuntimeStatus}: {result.FailureDetails}");
            }

            completed(1);
        }));
        return clock.Elapsed;
    }

    public Task WaitUntilRunningAsync(string instanceId) => client.WaitForInstanceStartAsync(instanceId);

    public Task RaiseWakeAsync(string instanceId) => client.RaiseEventAsync(instanceId, Workload.WakeEvent, 1);

    public ValueTask DisposeAsync() => stop();
}
