using System.Collections.Concurrent;
using CareTransitions.Intake;
using Microsoft.DurableTask.Client;

namespace CareTransitions.Workflow;

/// <summary>
/// The open transitions' statuses, for the work list, the dashboard's "just nu" and the work list's scope backfill, read cheaply: one query lists every open instance without its
/// payloads (id, created, last updated), and only an instance whose last update is not the one already read here is read
/// again in full. A status changes only when its instance is updated, so what this serves is never older than the query;
/// each process keeps its own copy, forgetting instances once they are no longer open.
/// </summary>
internal sealed class OpenTransitionStatuses
{
    // Reads of single instances in flight at once: each is a round trip to the backend, which serves them concurrently.
    private const int ParallelReads = 8;

    /// <summary>The runtime statuses of an instance that is still going: the one definition of "open".</summary>
    public static readonly OrchestrationRuntimeStatus[] Open =
        [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended];

    private readonly ConcurrentDictionary<string, Entry> read = new(StringComparer.Ordinal);

    /// <summary>The open transitions (all, or those whose id <paramref name="wanted"/> keeps) with their created time and status.</summary>
    public async Task<IReadOnlyList<(string Id, DateTimeOffset CreatedAt, TransitionStatus Status)>> OpenAsync(
        DurableTaskClient client, Func<string, bool>? wanted, CancellationToken cancellationToken)
    {
        var open = new List<OrchestrationMetadata>();
        var query = new OrchestrationQuery { InstanceIdPrefix = TransitionIds.Prefix, Statuses = Open, PageSize = 5000, FetchInputsAndOutputs = false };
        await foreach (var instance in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            open.Add(instance);
        }

        var kept = wanted is null ? open : open.Where(i => wanted(i.InstanceId)).ToList();
        var stale = kept.Where(i => !this.read.TryGetValue(i.InstanceId, out var entry) || entry.LastUpdatedAt != i.LastUpdatedAt).ToList();
        await Parallel.ForEachAsync(stale, new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = cancellationToken }, async (instance, token) =>
        {
            var full = await client.GetInstanceAsync(instance.InstanceId, getInputsAndOutputs: true, token);
            if (full is not null)
            {
                this.read[full.InstanceId] = new Entry(full.LastUpdatedAt, full.ReadCustomStatusAs<TransitionStatus>());
            }
        });

        if (wanted is null || this.read.Count > open.Count)
        {
            var openIds = open.Select(i => i.InstanceId).ToHashSet(StringComparer.Ordinal);
            foreach (var id in this.read.Keys.Where(id => !openIds.Contains(id)).ToList())
            {
                this.read.TryRemove(id, out _);
            }
        }

        var result = new List<(string, DateTimeOffset, TransitionStatus)>(kept.Count);
        foreach (var instance in kept)
        {
            if (this.read.TryGetValue(instance.InstanceId, out var entry) && entry.Status is { } status)
            {
                result.Add((instance.InstanceId, instance.CreatedAt, status));
            }
        }
        return result;
    }

    private sealed record Entry(DateTimeOffset LastUpdatedAt, TransitionStatus? Status);
}
