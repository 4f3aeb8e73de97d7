using DurableTask.AzureStorage;
using DurableTask.AzureStorage.Tracking;
using DurableTask.Core;
using Durable.Benchmarks.Measurement;
using Durable.Benchmarks.Workloads;
using Durable.Benchmarks.Workloads.Core;

namespace Durable.Benchmarks.Engines.AzureStorage;

/// <summary>
/// Drives the Azure Storage engine through DurableTask.Core's client. Completion is read from the instances table:
/// its own WaitForOrchestration polls each instance every 2 s, which would add up to 2 s to the last completion and
/// load the emulator with thousands of reads, so one query per second counts the finished instances instead, and
/// the time taken is the engine's own CompletedTime of the last one (written with its final checkpoint, by this
/// process's clock). That leaves out the notification delay the SDK engines' figures include: it favours this peer.
/// </summary>
internal sealed class AzureStorageTarget(
    string description, AzureStorageOrchestrationService service, TaskHubClient client, Azurite azurite, Func<ValueTask> stop) : IEngineTarget
{
    private static readonly TimeSpan CountInterval = TimeSpan.FromSeconds(1);

    public string Name => "azurestorage";

    public string Description => description;

    public TimeSpan? HelperProcessorTime => azurite.ProcessorTime;

    public Task StartAsync(Workload workload, string instanceId, int index) =>
        client.CreateOrchestrationInstanceAsync(CoreWorkloads.OrchestrationOf(workload), instanceId, workload.Input(index));

    public async Task<TimeSpan> WaitForCompletionAsync(IReadOnlyList<string> instanceIds, RunClock clock, Action<int> completed)
    {
        var wanted = instanceIds.ToHashSet(StringComparer.Ordinal);
        var condition = new OrchestrationInstanceStatusQueryCondition
        {
            InstanceIdPrefix = CommonPrefix(instanceIds),
            RuntimeStatus = [OrchestrationStatus.Completed, OrchestrationStatus.Failed, OrchestrationStatus.Terminated, OrchestrationStatus.Canceled],
            FetchInput = false,
            FetchOutput = false,
        };
        var reported = 0;
        while (true)
        {
            var finished = await this.FinishedAsync(condition, wanted);
            if (finished.FirstOrDefault(s => s.OrchestrationStatus != OrchestrationStatus.Completed) is { } failed)
            {
                var state = await service.GetOrchestrationStateAsync(failed.OrchestrationInstance.InstanceId, allExecutions: false, fetchInput: false);
                throw new InvalidOperationException($"azurestorage: {failed.OrchestrationInstance.InstanceId} ended {failed.OrchestrationStatus}: {state.FirstOrDefault()?.Output}");
            }

            completed(finished.Count - reported);
            reported = finished.Count;
            if (finished.Count == wanted.Count)
            {
                var last = clock.At(finished.Max(s => AsUtc(s.CompletedTime)));
                if (last <= TimeSpan.Zero || last > clock.Elapsed)
                {
                    // Not this process's clock after all: fall back to when the count was seen (up to a second late).
                    Console.WriteLine($"  azurestorage: CompletedTime {last} lies outside the run; using the time the count saw it");
                    return clock.Elapsed;
                }

                return last;
            }

            await Task.Delay(CountInterval);
        }
    }

    public async Task WaitUntilRunningAsync(string instanceId)
    {
        while ((await service.GetOrchestrationStateAsync(instanceId, allExecutions: false, fetchInput: false)).FirstOrDefault()?.OrchestrationStatus != OrchestrationStatus.Running)
        {
            await Task.Delay(250);
        }
    }

    public Task RaiseWakeAsync(string instanceId) =>
        client.RaiseEventAsync(new OrchestrationInstance { InstanceId = instanceId }, Workload.WakeEvent, 1);

    public ValueTask DisposeAsync() => stop();

    private async Task<List<OrchestrationState>> FinishedAsync(OrchestrationInstanceStatusQueryCondition condition, HashSet<string> wanted)
    {
        var finished = new List<OrchestrationState>();
        string? continuation = null;
        do
        {
            var page = await service.GetOrchestrationStateAsync(condition, 1000, continuation, CancellationToken.None);
            finished.AddRange(page.OrchestrationState.Where(s => wanted.Contains(s.OrchestrationInstance.InstanceId)));
            continuation = page.ContinuationToken;
        }
        while (!string.IsNullOrEmpty(continuation));
        return finished;
    }

    private static DateTime AsUtc(DateTime time) =>
        time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc);

    private static string CommonPrefix(IReadOnlyList<string> ids) =>
        ids.Aggregate((prefix, id) => prefix[..prefix.Zip(id).TakeWhile(p => p.First == p.Second).Count()]);
}
