using CareTransitions.Workflow;
using Dashboard;
using Microsoft.DurableTask.Client;

namespace CareTransitions.Coordinators;

/// <summary>
/// The dashboard's "just nu" figures, read from the running orchestrations' custom status (<see cref="OpenTransitionStatuses"/>): the
/// statistics store only ever sees finished transitions.
/// </summary>
internal sealed class OpenTransitionsSource(DurableTaskClient client, OpenTransitionStatuses statuses, TimeProvider clock) : IOpenTransitionsSource
{
    public async Task<OpenTransitionCounts?> CountAsync(OpenTransitionsQuery query, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        int open = 0, awaiting = 0, overdue = 0;
        foreach (var (_, _, status) in await statuses.OpenAsync(client, wanted: null, cancellationToken))
        {
            if (!Matches(status, query))
            {
                continue;
            }

            open++;
            var waiting = status.Units.Where(u => u.AcknowledgedAt is null).ToList();
            awaiting += waiting.Count > 0 ? 1 : 0;
            overdue += waiting.Any(u => u.RemindedAt is not null || u.EscalatedAt is not null || u.ReminderDue < now || u.EscalationDue < now) ? 1 : 0;
        }

        return new OpenTransitionCounts(open, awaiting, overdue);
    }

    private static bool Matches(TransitionStatus status, OpenTransitionsQuery query) =>
        (query.MunicipalityCode is null || status.MunicipalityCode == query.MunicipalityCode)
        && (query.WardHsaId is null || status.Ward?.HsaId == query.WardHsaId)
        && (query.CareType is null || status.CareType?.ToString() == query.CareType)
        && query.Needs.All(n => status.Needs.Any(s => s.ToString() == n));
}
