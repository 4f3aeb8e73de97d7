using System.Text.Json;
using System.Text.Json.Serialization;
using CareTransitions.Configuration;
using Microsoft.Extensions.Options;

namespace CareTransitions.Directory;

/// <summary>The kinds of receiving unit.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<UnitType>))]
internal enum UnitType
{
    /// <summary>Kommunens utskrivningssamordning / biståndshandläggare (also home care, hemtjänst).</summary>
    MunicipalCoordination,

    /// <summary>Kommunal hemsjukvård.</summary>
    HomeHealthCare,

    /// <summary>Kommunal rehab: arbetsterapeut (AT) and fysioterapeut (FT).</summary>
    MunicipalRehab,

    /// <summary>Vårdcentral, which appoints the fast vårdkontakt and calls the SIP meeting.</summary>
    PrimaryCare,

    /// <summary>Specialised palliative or mobile team (ASIH, mobil närsjukvård), reachable day and night.</summary>
    PalliativeTeam,
}

/// <summary>Someone to reach when a unit does not answer.</summary>
internal sealed record Contact(string Name, string Email, string Phone);

/// <summary>One receiving unit (mottagande enhet).</summary>
/// <param name="HsaId">The unit's HSA-id in the national catalogue (HSA-katalogen): what staff's sign-in names their units by.</param>
internal sealed record Unit(string Id, UnitType Type, string Name, string Email, Contact Escalation, Contact OnCall, string HsaId);

/// <summary>One municipality (kommun) with its units.</summary>
/// <param name="AssistiveDevicesResponsibility">Who prescribes and delivers assistive devices (hjälpmedel) here.</param>
internal sealed record Municipality(string Code, string Name, string Region, string AssistiveDevicesResponsibility, IReadOnlyList<Unit> Units);

internal sealed record UnitsDirectoryDocument(IReadOnlyList<Municipality> Municipalities);

/// <summary>
/// The units directory (enhetskatalog), read once from <c>Directory:Path</c>. Loading fails loudly
/// at start on a broken file rather than routing patients to nobody later.
/// </summary>
internal sealed class UnitsDirectory
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Dictionary<string, Municipality> municipalities;
    private readonly Dictionary<string, Unit> units;
    private readonly Dictionary<string, Unit> unitsByHsaId;

    public UnitsDirectory(IEnumerable<Municipality> municipalities)
    {
        this.municipalities = municipalities.ToDictionary(m => m.Code, StringComparer.Ordinal);
        this.units = this.municipalities.Values.SelectMany(m => m.Units).ToDictionary(u => u.Id, StringComparer.Ordinal);
        this.unitsByHsaId = ByHsaId(this.units.Values);
        var missing = this.municipalities.Values
            .Where(m => !m.Units.Any(u => u.Type == UnitType.MunicipalCoordination) || !m.Units.Any(u => u.Type == UnitType.PrimaryCare))
            .Select(m => m.Code).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"Units directory: municipalities without coordination or primary care: {string.Join(", ", missing)}.");
        }
    }

    public IReadOnlyCollection<Municipality> Municipalities => this.municipalities.Values;

    public static UnitsDirectory Load(string path)
    {
        using var stream = File.OpenRead(path);
        var document = JsonSerializer.Deserialize<UnitsDirectoryDocument>(stream, Json)
            ?? throw new InvalidOperationException($"Units directory '{path}' is empty.");
        return new UnitsDirectory(document.Municipalities);
    }

    public Municipality? FindMunicipality(string code) => this.municipalities.GetValueOrDefault(code);

    public Unit? FindUnit(string unitId) => this.units.GetValueOrDefault(unitId);

    /// <summary>The unit with this HSA-id (compared as written: HSA-ids are case-sensitive identifiers).</summary>
    public Unit? FindUnitByHsaId(string hsaId) => this.unitsByHsaId.GetValueOrDefault(hsaId);

    // A unit without its HSA-id, or two with one, would let access follow the wrong unit: refuse the file at start.
    private static Dictionary<string, Unit> ByHsaId(IEnumerable<Unit> units)
    {
        var byHsaId = new Dictionary<string, Unit>(StringComparer.Ordinal);
        foreach (var unit in units)
        {
            if (!HsaIds.IsValid(unit.HsaId))
            {
                throw new InvalidOperationException($"Units directory: unit {unit.Id} has hsaId '{unit.HsaId}', which is not an HSA-id like SE2120001401-hemsjukvard.");
            }
            if (!byHsaId.TryAdd(unit.HsaId, unit))
            {
                throw new InvalidOperationException($"Units directory: units {byHsaId[unit.HsaId].Id} and {unit.Id} have the same hsaId {unit.HsaId}.");
            }
        }
        return byHsaId;
    }
}

internal static class DirectoryServiceCollectionExtensions
{
    public static IServiceCollection AddUnitsDirectory(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var path = sp.GetRequiredService<IOptions<DirectoryOptions>>().Value.Path;
            return UnitsDirectory.Load(string.IsNullOrWhiteSpace(path) ? new DirectoryOptions().Path : path);
        });
        services.AddSingleton<UnitRouter>();
        return services;
    }
}
