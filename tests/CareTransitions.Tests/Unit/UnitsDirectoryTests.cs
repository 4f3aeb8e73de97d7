using CareTransitions.Configuration;
using CareTransitions.Directory;
using CareTransitions.Workflow;

namespace CareTransitions.Tests.UnitTests;

public sealed class UnitsDirectoryTests
{
    private static readonly UnitsDirectory Demo = UnitsDirectory.Load(new DirectoryOptions().Path);

    [Fact]
    public void Load_DemoDirectory_CoversVastraGotalandAndTheSeedMunicipalities()
    {
        Assert.Equal(49, Demo.Municipalities.Count(m => m.Region == "Västra Götaland"));
        Assert.All(Demo.Municipalities.Where(m => m.Region == "Västra Götaland"), m => Assert.StartsWith("14", m.Code, StringComparison.Ordinal));
        foreach (var (code, name) in new[] { ("0980", "Gotland"), ("0140", "Nykvarn"), ("0128", "Salem"), ("0181", "Södertälje"), ("1286", "Ystad"), ("1290", "Kristianstad"), ("1480", "Göteborg") })
        {
            Assert.Equal(name, Demo.FindMunicipality(code)?.Name);
        }
    }

    [Fact]
    public void Load_DemoDirectory_HasOnlyFictionalAddressesAndBothContactsForEveryUnit()
    {
        var units = Demo.Municipalities.SelectMany(m => m.Units).ToList();
        Assert.All(units, u =>
        {
            Assert.EndsWith(".example.se", u.Email, StringComparison.Ordinal);
            Assert.EndsWith(".example.se", u.Escalation.Email, StringComparison.Ordinal);
            Assert.EndsWith(".example.se", u.OnCall.Email, StringComparison.Ordinal);
        });
        Assert.Equal(units.Count, units.Select(u => u.Id).Distinct().Count());
    }

    [Fact]
    public void UnitTypesFor_NoNeeds_TellsCoordinationAndPrimaryCare() =>
        Assert.Equal([UnitType.MunicipalCoordination, UnitType.PrimaryCare], UnitRouter.UnitTypesFor([]));

    [Fact]
    public void UnitTypesFor_EveryNeed_TellsEveryKindOfUnitOnce() =>
        Assert.Equal(
            [UnitType.MunicipalCoordination, UnitType.HomeHealthCare, UnitType.MunicipalRehab, UnitType.PrimaryCare, UnitType.PalliativeTeam],
            UnitRouter.UnitTypesFor(Enum.GetValues<Need>()));

    [Fact]
    public void Route_AssistiveDevicesOnly_IncludesMunicipalRehab() =>
        Assert.Contains(new UnitRouter(Demo).Route("0140", [Need.AssistiveDevices])!, u => u.Id == "0140-rehab");

    [Fact]
    public void Route_UnknownMunicipality_ReturnsNull() => Assert.Null(new UnitRouter(Demo).Route("9999", []));

    [Fact]
    public void Constructor_MunicipalityWithoutPrimaryCare_Throws()
    {
        var broken = new Municipality("0001", "X", "R", "", [Unit("u", UnitType.MunicipalCoordination, "SE2120000001-u")]);
        Assert.Throws<InvalidOperationException>(() => new UnitsDirectory([broken]));
    }

    [Fact]
    public void Load_DemoDirectory_GivesEveryUnitAValidUniqueHsaIdFoundByIt()
    {
        var units = Demo.Municipalities.SelectMany(m => m.Units).ToList();
        Assert.NotEmpty(units);
        Assert.All(units, u =>
        {
            Assert.True(HsaIds.IsValid(u.HsaId), $"{u.Id}: '{u.HsaId}'");
            Assert.Same(u, Demo.FindUnitByHsaId(u.HsaId));
        });
        Assert.Equal(units.Count, units.Select(u => u.HsaId).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal("1401-hemsjukvard", Demo.FindUnitByHsaId("SE2120001401-hemsjukvard")?.Id);
        Assert.Null(Demo.FindUnitByHsaId("SE2120009999-okand"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("SE212000001-kort")]
    [InlineData("SE2120000001-med-bindestreck")]
    public void Constructor_UnitWithoutAValidHsaId_ThrowsNamingTheUnit(string? hsaId)
    {
        var municipality = new Municipality("0001", "X", "R", "", [Unit("0001-samordning", UnitType.MunicipalCoordination, hsaId!), Unit("0001-vc", UnitType.PrimaryCare, "SE2120000001-vc")]);
        var error = Assert.Throws<InvalidOperationException>(() => new UnitsDirectory([municipality]));
        Assert.Contains("0001-samordning", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_TwoUnitsWithOneHsaId_ThrowsNamingBoth()
    {
        var municipality = new Municipality("0001", "X", "R", "", [Unit("0001-samordning", UnitType.MunicipalCoordination, "SE2120000001-x"), Unit("0001-vc", UnitType.PrimaryCare, "SE2120000001-x")]);
        var error = Assert.Throws<InvalidOperationException>(() => new UnitsDirectory([municipality]));
        Assert.Contains("0001-samordning and 0001-vc", error.Message, StringComparison.Ordinal);
    }

    private static Unit Unit(string id, UnitType type, string hsaId)
    {
        var contact = new Contact("x", "x@example.se", "1");
        return new Unit(id, type, id, $"{id}@example.se", contact, contact, hsaId);
    }
}
