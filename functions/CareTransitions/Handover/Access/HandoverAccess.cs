using CareTransitions.Directory;
using CareTransitions.SignIn;

namespace CareTransitions.Handover.Access;

/// <summary>Whether a person may see a transition's patient data, and through which of their units (the unit the access log records).</summary>
/// <param name="UnitHsaId">The HSA-id of the person's unit that matched; null when refused.</param>
internal sealed record HandoverAccessDecision(bool Allowed, string? UnitHsaId)
{
    public static readonly HandoverAccessDecision Refused = new(false, null);
}

/// <summary>
/// Who may see a transition's patient data in the handover workspace (Patientdatalagen 4 kap.: only those who take part
/// in the patient's care): staff of the sending ward or of a unit the transition was routed to, nobody else.
/// </summary>
internal static class HandoverAccess
{
    /// <summary>The unit the access log records for Development's open mode, whose developer works for every unit.</summary>
    public const string AllUnitsInOpenMode = "alla (utvecklarläge)";

    /// <param name="receivingUnitIds">The directory ids of the units the transition was routed to.</param>
    public static HandoverAccessDecision Decide(StaffMember person, string wardHsaId, IEnumerable<string> receivingUnitIds, UnitsDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(receivingUnitIds);
        ArgumentNullException.ThrowIfNull(directory);
        if (person.AllUnits)
        {
            return new HandoverAccessDecision(true, AllUnitsInOpenMode);
        }

        var own = person.UnitHsaIds.ToHashSet(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(wardHsaId) && own.Contains(wardHsaId))
        {
            return new HandoverAccessDecision(true, wardHsaId);
        }
        // A receiving unit the directory no longer knows opens nothing: its HSA-id cannot be told.
        var receiving = receivingUnitIds.Select(id => directory.FindUnit(id)?.HsaId).FirstOrDefault(hsaId => hsaId is not null && own.Contains(hsaId));
        return receiving is null ? HandoverAccessDecision.Refused : new HandoverAccessDecision(true, receiving);
    }
}
