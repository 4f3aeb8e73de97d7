using CareTransitions.Workflow;

namespace CareTransitions.Directory;

/// <summary>Decides which units a transition notifies, from the municipality and the needs.</summary>
internal sealed class UnitRouter(UnitsDirectory directory)
{
    /// <summary>
    /// The municipality's discharge coordination and primary care are always told (primary care's
    /// fast vårdkontakt calls the SIP); the rest follow the needs.
    /// </summary>
    public static IReadOnlyList<UnitType> UnitTypesFor(IEnumerable<Need> needs)
    {
        var set = needs.ToHashSet();
        var types = new List<UnitType> { UnitType.MunicipalCoordination };
        if (set.Contains(Need.HomeHealthCare))
        {
            types.Add(UnitType.HomeHealthCare);
        }

        if (set.Contains(Need.Rehabilitation) || set.Contains(Need.AssistiveDevices))
        {
            types.Add(UnitType.MunicipalRehab);
        }

        types.Add(UnitType.PrimaryCare);
        if (set.Contains(Need.PalliativeCare))
        {
            types.Add(UnitType.PalliativeTeam);
        }

        return types;
    }

    /// <summary>The units to notify; null when the municipality is not in the directory.</summary>
    public IReadOnlyList<Unit>? Route(string municipalityCode, IEnumerable<Need> needs)
    {
        var municipality = directory.FindMunicipality(municipalityCode);
        if (municipality is null)
        {
            return null;
        }

        // A municipality without (say) its own palliative team falls back to nobody for that need;
        // the coordination unit still hears of the need in its email and can pass it on.
        return UnitTypesFor(needs)
            .SelectMany(type => municipality.Units.Where(u => u.Type == type).Take(1))
            .ToList();
    }
}
