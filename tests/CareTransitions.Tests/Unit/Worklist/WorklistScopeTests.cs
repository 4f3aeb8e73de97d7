using CareTransitions.Configuration;
using CareTransitions.Directory;
using CareTransitions.SignIn;
using CareTransitions.Workflow;
using CareTransitions.Worklist;
using static CareTransitions.Tests.UnitTests.Worklist.WorklistStatuses;

namespace CareTransitions.Tests.UnitTests.Worklist;

public sealed class WorklistScopeTests
{
    private static readonly UnitsDirectory Demo = UnitsDirectory.Load(new DirectoryOptions().Path);
    private static readonly StaffMember Goteborg = new("SE2321000131-P1", "Sara", ["SE2120001480-samordning"]);
    private static readonly StaffMember Sodertalje = new("SE2321000131-P2", "Sven", ["SE2120000181-samordning"]);
    private static readonly StaffMember WardNurse = new("SE2321000131-P3", "Vera", [OwnWard.HsaId]);

    [Fact]
    public void Includes_TransitionToTheirMunicipality_IsShownButNotToAnother()
    {
        var to1480 = Status(municipality: "1480", units: Unit("1480-samordning"));
        var to0181 = Status(municipality: "0181", units: Unit("0181-samordning"));

        Assert.True(WorklistScope.For(Goteborg, Demo).Includes(to1480));
        Assert.False(WorklistScope.For(Goteborg, Demo).Includes(to0181));
        Assert.True(WorklistScope.For(Sodertalje, Demo).Includes(to0181));
        Assert.False(WorklistScope.For(Sodertalje, Demo).Includes(to1480));
    }

    [Fact]
    public void Includes_AnyUnitOfTheMunicipality_OpensItsWholeMunicipality()
    {
        var homeCare = new StaffMember("SE2321000131-P4", "Hanna", ["SE2120001480-hemsjukvard"]);

        Assert.True(WorklistScope.For(homeCare, Demo).Includes(Status(municipality: "1480", units: Unit("1480-vardcentral"))));
    }

    [Fact]
    public void Includes_RoutedToTheirMunicipalitysUnitWithoutCode_IsShown() =>
        Assert.True(WorklistScope.For(Goteborg, Demo).Includes(Status(municipality: null, units: Unit("1480-hemsjukvard"))));

    [Fact]
    public void Includes_WardsOwnTransition_IsShownAndIsWard()
    {
        var scope = WorklistScope.For(WardNurse, Demo);
        var own = Status(municipality: "0181", units: Unit("0181-samordning"));

        Assert.True(scope.Includes(own));
        Assert.True(scope.IsWard(own));
        Assert.False(WorklistScope.For(Sodertalje, Demo).IsWard(own));
    }

    [Fact]
    public void Includes_AnotherWardsTransition_IsNotShownToTheWard() =>
        Assert.False(WorklistScope.For(WardNurse, Demo).Includes(
            Status(municipality: "1480", ward: new Ward("SE2321000131-avd99", "Avdelning 99"), units: Unit("1480-samordning"))));

    [Fact]
    public void Includes_PersonWithoutUnits_SeesNothing() =>
        Assert.False(WorklistScope.For(new StaffMember("SE2321000131-P5", "Ingen", []), Demo).Includes(Status(units: Unit("1480-samordning"))));

    [Fact]
    public void Includes_UnknownUnitHsaId_SeesNothingOfAMunicipality() =>
        Assert.False(WorklistScope.For(new StaffMember("SE2321000131-P6", "Okänd", ["SE2120009999-samordning"]), Demo)
            .Includes(Status(municipality: "1480", units: Unit("1480-samordning"))));

    [Fact]
    public void Includes_NoStatus_IsFalse() => Assert.False(WorklistScope.For(Goteborg, Demo).Includes(null));

    [Fact]
    public void Includes_AllUnits_SeesEveryTransitionAsTheWard()
    {
        var scope = WorklistScope.For(new StaffMember("SE2321000131-P7", "Alla", [], AllUnits: true), Demo);

        Assert.True(scope.Includes(Status(municipality: "0181", units: Unit("0181-samordning"))));
        Assert.True(scope.IsWard(Status(municipality: "0181")));
    }
}
