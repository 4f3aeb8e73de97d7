namespace Dashboard;

/// <summary>
/// Live counts of transitions that have not finished yet ("just nu"). The statistics store only sees
/// finished transitions, so the service that runs the workflow may register an implementation; without
/// one the dashboard shows "uppgift saknas" rather than a misleading zero.
/// </summary>
public interface IOpenTransitionsSource
{
    /// <summary>Counts the open transitions that match the dashboard's current filter.</summary>
    /// <param name="query">The filter the steering group has chosen (period does not apply: this is "now").</param>
    /// <param name="cancellationToken">Cancels the count.</param>
    /// <returns>The counts, or <c>null</c> when they cannot be given right now.</returns>
    Task<OpenTransitionCounts?> CountAsync(OpenTransitionsQuery query, CancellationToken cancellationToken = default);
}

/// <summary>The part of the dashboard filter that applies to open transitions.</summary>
/// <param name="MunicipalityCode">Municipality SCB code, or <c>null</c> for all.</param>
/// <param name="WardHsaId">Ward HSA-id, or <c>null</c> for all.</param>
/// <param name="CareType">"Somatic" or "Psychiatric", or <c>null</c> for both.</param>
/// <param name="Needs">Needs every counted transition must have (empty for no condition).</param>
public sealed record OpenTransitionsQuery(
    string? MunicipalityCode,
    string? WardHsaId,
    string? CareType,
    IReadOnlyList<string> Needs);

/// <summary>Transitions in progress right now.</summary>
/// <param name="Open">Transitions started and not yet completed (pågående).</param>
/// <param name="AwaitingAcknowledgement">Of those, transitions with at least one unit that has not acknowledged (väntar på kvittens).</param>
/// <param name="Overdue">Of those, transitions past a deadline: reminder or escalation time passed without acknowledgement (försenade).</param>
public sealed record OpenTransitionCounts(int Open, int AwaitingAcknowledgement, int Overdue);
