namespace Dashboard.Statistics;

/// <summary>Care types (vårdform) as stored: a small integer so the snapshot stays compact.</summary>
internal static class CareTypes
{
    public const int Somatic = 0;
    public const int Psychiatric = 1;
    public static readonly string[] Names = ["Somatic", "Psychiatric"];
    public static readonly string[] SwedishNames = ["Somatisk vård", "Psykiatrisk vård"];

    public static int? Parse(string? value) =>
        string.Equals(value, "Somatic", StringComparison.OrdinalIgnoreCase) ? Somatic
        : string.Equals(value, "Psychiatric", StringComparison.OrdinalIgnoreCase) ? Psychiatric
        : null;
}

/// <summary>Needs (behov) as bits, so "has every chosen need" is one mask test.</summary>
internal static class NeedFlags
{
    public static readonly string[] Names = ["HomeCare", "HomeHealthCare", "Rehabilitation", "AssistiveDevices", "PalliativeCare"];
    public static readonly string[] SwedishNames = ["Hemtjänst", "Hemsjukvård", "Rehabilitering", "Hjälpmedel", "Palliativ vård"];

    public static int? BitOf(string name)
    {
        var index = Array.FindIndex(Names, n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
        return index < 0 ? null : 1 << index;
    }

    /// <summary>Needs the catalog does not know are left out of the mask: they cannot be filtered on anyway.</summary>
    public static int MaskOf(IEnumerable<string> needs)
    {
        var mask = 0;
        foreach (var need in needs)
        {
            mask |= BitOf(need) ?? 0;
        }
        return mask;
    }
}

/// <summary>Receiving unit types (enhetstyp); anything unknown is counted as <see cref="Other"/>, never dropped.</summary>
internal static class UnitTypes
{
    public const int Other = 5;
    public const int Count = 6;
    public static readonly string[] Names = ["MunicipalCoordination", "HomeHealthCare", "MunicipalRehab", "PrimaryCare", "PalliativeTeam", "Other"];
    public static readonly string[] SwedishNames = ["Kommunens samordning", "Hemsjukvård", "Kommunal rehab", "Primärvård", "Palliativt team", "Övriga"];

    public static int Parse(string name)
    {
        var index = Array.FindIndex(Names, n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
        return index < 0 ? Other : index;
    }
}
