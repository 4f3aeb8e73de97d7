using CareTransitions.Intake;
using CareTransitions.Workflow;
using Dashboard.Storage;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace CareTransitions.Worklist;

/// <summary>
/// The open transitions a person's work list shows, read from the running orchestrations' custom status (the statistics
/// only ever see finished ones). A scoped person's candidates come from the app store (<see cref="WorklistCandidates"/>),
/// so only their municipality's and ward's instances are read; a person who works for every unit gets one query over
/// the open instances, which the durable store answers from its status index.
/// </summary>
internal sealed class WorklistSource(IOptions<StatisticsOptions> statistics, TimeProvider clock, WorklistCandidates candidates)
{
    // Reads of single instances in flight at once: each is a round trip to the backend, which serves them concurrently.
    private const int ParallelReads = 8;

    private static readonly OrchestrationRuntimeStatus[] Open =
        [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended];

    public DateTimeOffset Now => clock.GetUtcNow();

    public async Task<IReadOnlyList<WorklistRow>> OpenAsync(DurableTaskClient client, WorklistScope scope, CancellationToken cancellationToken)
    {
        if (!scope.All)
        {
            return await this.ScopedAsync(client, scope, cancellationToken);
        }

        var now = clock.GetUtcNow();
        var rows = new List<WorklistRow>();
        // With inputs and outputs: only then does the SDK hand over the custom status.
        var query = new OrchestrationQuery { InstanceIdPrefix = TransitionIds.Prefix, Statuses = Open, PageSize = 1000, FetchInputsAndOutputs = true };
        await foreach (var instance in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            var status = instance.ReadCustomStatusAs<TransitionStatus>();
            if (status is not null && status.Phase is not (TransitionPhase.Starting or TransitionPhase.Completed) && scope.Includes(status))
            {
                rows.Add(this.Judge(instance.InstanceId, instance.CreatedAt, status, scope, now));
            }
        }
        return rows;
    }

    private async Task<IReadOnlyList<WorklistRow>> ScopedAsync(DurableTaskClient client, WorklistScope scope, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var ids = await candidates.OpenInScopeAsync(client, scope.MunicipalityCodes, scope.WardHsaIds, cancellationToken);
        var rows = new WorklistRow?[ids.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = cancellationToken };
        await Parallel.ForAsync(0, ids.Count, parallel, async (i, token) =>
        {
            // The store's row may lag the instance (ended but not yet marked): the instance's own status decides.
            var instance = await client.GetInstanceAsync(ids[i], getInputsAndOutputs: true, token);
            var status = instance?.ReadCustomStatusAs<TransitionStatus>();
            if (instance is not null && Open.Contains(instance.RuntimeStatus) && status is not null
                && status.Phase is not (TransitionPhase.Starting or TransitionPhase.Completed) && scope.Includes(status))
            {
                rows[i] = this.Judge(instance.InstanceId, instance.CreatedAt, status, scope, now);
            }
        });
        return [.. rows.OfType<WorklistRow>()];
    }

    /// <summary>One transition in the person's scope, open or not; null when it is unknown or out of scope (answered alike).</summary>
    public async Task<(WorklistRow Row, OrchestrationMetadata Instance)?> OneAsync(DurableTaskClient client, WorklistScope scope, string id, CancellationToken cancellationToken)
    {
        if (!id.StartsWith(TransitionIds.Prefix, StringComparison.Ordinal) || id.Length > 100)
        {
            return null;
        }
        var instance = await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken);
        var status = instance?.ReadCustomStatusAs<TransitionStatus>();
        return instance is null || status is null || !scope.Includes(status) ? null : (this.Judge(id, instance.CreatedAt, status, scope, clock.GetUtcNow()), instance);
    }

    private WorklistRow Judge(string id, DateTimeOffset createdAt, TransitionStatus status, WorklistScope scope, DateTimeOffset now) =>
        WorklistDeadlines.Judge(id, createdAt, status, scope.IsWard(status), now, statistics.Value.DailyAmountOreFor);
}
