using CareTransitions.Intake;
using CareTransitions.Workflow;
using Dashboard.Storage;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace CareTransitions.Worklist;

/// <summary>
/// The open transitions a person's work list shows, read from the running orchestrations' custom status (the statistics
/// only ever see finished ones) through <see cref="OpenTransitionStatuses"/>. A scoped person's candidates come from the app store
/// (<see cref="WorklistCandidates"/>), so only their municipality's and ward's statuses are read; a person who works for
/// every unit gets every open one.
/// </summary>
internal sealed class WorklistSource(IOptions<StatisticsOptions> statistics, TimeProvider clock, WorklistCandidates candidates, OpenTransitionStatuses statuses)
{
    public DateTimeOffset Now => clock.GetUtcNow();

    public async Task<IReadOnlyList<WorklistRow>> OpenAsync(DurableTaskClient client, WorklistScope scope, CancellationToken cancellationToken)
    {
        Func<string, bool>? wanted = null;
        if (!scope.All)
        {
            var ids = (await candidates.OpenInScopeAsync(client, scope.MunicipalityCodes, scope.WardHsaIds, cancellationToken)).ToHashSet(StringComparer.Ordinal);
            wanted = ids.Contains;
        }

        var now = clock.GetUtcNow();
        // The app store's scope may lag the instance (ended but not yet marked): the instance's own status decides.
        return [.. (await statuses.OpenAsync(client, wanted, cancellationToken))
            .Where(o => o.Status.Phase is not (TransitionPhase.Starting or TransitionPhase.Completed) && scope.Includes(o.Status))
            .Select(o => this.Judge(o.Id, o.CreatedAt, o.Status, scope, now))];
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
