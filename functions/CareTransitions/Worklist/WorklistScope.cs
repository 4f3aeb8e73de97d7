using CareTransitions.Directory;
using CareTransitions.SignIn;
using CareTransitions.Workflow;

namespace CareTransitions.Worklist;

/// <summary>
/// Which open transitions a coordinator's work list shows: those their own ward sent (one of the person's unit HSA-ids is
/// the ward's), and those routed to units of a municipality where the person works for a unit. A coordinator of one
/// municipality never sees another's.
/// </summary>
internal sealed class WorklistScope
{
    private readonly bool all;
    private readonly HashSet<string> unitHsaIds;
    private readonly HashSet<string> municipalityCodes;
    private readonly HashSet<string> municipalityUnitIds;

    private WorklistScope(bool all, HashSet<string> unitHsaIds, HashSet<string> municipalityCodes, HashSet<string> municipalityUnitIds)
    {
        this.all = all;
        this.unitHsaIds = unitHsaIds;
        this.municipalityCodes = municipalityCodes;
        this.municipalityUnitIds = municipalityUnitIds;
    }

    public static WorklistScope For(StaffMember person, UnitsDirectory directory)
    {
        var own = person.UnitHsaIds.ToHashSet(StringComparer.Ordinal);
        var municipalities = directory.Municipalities.Where(m => m.Units.Any(u => own.Contains(u.HsaId))).ToList();
        return new WorklistScope(
            person.AllUnits, own,
            municipalities.Select(m => m.Code).ToHashSet(StringComparer.Ordinal),
            municipalities.SelectMany(m => m.Units).Select(u => u.Id).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>True for a person who works for every unit (Open sign-in in Development): every open transition is in scope.</summary>
    public bool All => this.all;

    /// <summary>The person's units' HSA-ids: the sending wards whose transitions they see.</summary>
    public IReadOnlyCollection<string> WardHsaIds => this.unitHsaIds;

    /// <summary>The municipalities where the person works for a unit: the transitions sent there are in scope.</summary>
    public IReadOnlyCollection<string> MunicipalityCodes => this.municipalityCodes;

    /// <summary>True when the person works for the sending ward: only they may withdraw its readiness.</summary>
    public bool IsWard(TransitionStatus status) => this.all || (status.Ward is { } ward && this.unitHsaIds.Contains(ward.HsaId));

    public bool Includes(TransitionStatus? status) =>
        status is not null
        && (this.IsWard(status)
            || (status.MunicipalityCode is { } code && this.municipalityCodes.Contains(code))
            || status.Units.Any(u => this.municipalityUnitIds.Contains(u.UnitId)));
}
