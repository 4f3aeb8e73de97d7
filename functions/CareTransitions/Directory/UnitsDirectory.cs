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
internal sealed record Unit(string Id, UnitType Type, string Name, string Email, Contact Escalation, Contact OnCall);

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

    public UnitsDirectory(IEnumerable<Municipality> municipalities)
    {
        this.municipalities = municipalities.ToDictionary(m => m.Code, StringComparer.Ordinal);
        this.units = this.municipalities.Values.SelectMany(m => m.Units).ToDictionary(u => u.Id, StringComparer.Ordinal);
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
