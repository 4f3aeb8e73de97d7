using CareTransitions.Intake;
using CareTransitions.Workflow;
using Dashboard.Storage;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace CareTransitions.Worklist;

/// <summary>
/// The open transitions a person's work list shows, read from the running orchestrations' custom status (the statistics
/// only ever see finished ones). The status filter goes to the store, which answers it from its status index, so the
/// finished transitions, the great majority, are never read.
/// </summary>
internal sealed class WorklistSource(IOptions<StatisticsOptions> statistics, TimeProvider clock)
{
    private static readonly OrchestrationRuntimeStatus[] Open =
        [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended];

    public DateTimeOffset Now => clock.GetUtcNow();

    public async Task<IReadOnlyList<WorklistRow>> OpenAsync(DurableTaskClient client, WorklistScope scope, CancellationToken cancellationToken)
    {
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
