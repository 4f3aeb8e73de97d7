using CareTransitions.Configuration;
using CareTransitions.Directory;
using CareTransitions.Handover.Access;
using CareTransitions.SignIn;

namespace CareTransitions.Tests.UnitTests;

public sealed class HandoverAccessTests
{
    private const string Ward = "SE2321000131-E000000012345";
    private static readonly UnitsDirectory Demo = UnitsDirectory.Load(new DirectoryOptions().Path);
    private static readonly string[] Routed = ["1480-samordning", "1480-hemsjukvard", "1480-vardcentral"];

    private static StaffMember Person(params string[] units) => new("SE2321000131-P1", "Någon", units);

    [Fact]
    public void Decide_StaffOfTheSendingWard_IsAllowedThroughTheWard() =>
        Assert.Equal(new HandoverAccessDecision(true, Ward), HandoverAccess.Decide(Person("SE2321000131-E1", Ward), Ward, Routed, Demo));

    [Fact]
    public void Decide_StaffOfAReceivingUnit_IsAllowedThroughThatUnitsHsaId() =>
        Assert.Equal(new HandoverAccessDecision(true, "SE2120001480-hemsjukvard"),
            HandoverAccess.Decide(Person("SE2120001401-hemsjukvard", "SE2120001480-hemsjukvard"), Ward, Routed, Demo));

    [Fact]
    public void Decide_TheSameKindOfUnitInAnotherMunicipality_IsRefused() =>
        Assert.Equal(HandoverAccessDecision.Refused, HandoverAccess.Decide(Person("SE2120001401-hemsjukvard"), Ward, Routed, Demo));

    [Fact]
    public void Decide_AUnitOfTheMunicipalityTheTransitionWasNotRoutedTo_IsRefused() =>
        Assert.False(HandoverAccess.Decide(Person("SE2120001480-palliativ"), Ward, Routed, Demo).Allowed);

    [Fact]
    public void Decide_NoUnitsOrAUnitIdInsteadOfItsHsaId_IsRefused()
    {
        Assert.False(HandoverAccess.Decide(Person(), Ward, Routed, Demo).Allowed);
        Assert.False(HandoverAccess.Decide(Person("1480-hemsjukvard", "se2321000131-e000000012345"), Ward, Routed, Demo).Allowed);
    }

    [Fact]
    public void Decide_ARoutedUnitTheDirectoryNoLongerKnows_OpensNothing() =>
        Assert.False(HandoverAccess.Decide(Person("SE2120001480-borttagen"), Ward, ["1480-borttagen"], Demo).Allowed);

    [Fact]
    public void Decide_DevelopersOpenMode_IsAllowedForEveryUnit() =>
        Assert.Equal(new HandoverAccessDecision(true, "alla (utvecklarläge)"),
            HandoverAccess.Decide(new StaffMember(StaffIdentity.DeveloperHsaId, "Utvecklare", [], AllUnits: true), Ward, [], Demo));
}
