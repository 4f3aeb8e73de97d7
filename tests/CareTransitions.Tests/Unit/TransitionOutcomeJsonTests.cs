using CareTransitions.Workflow;
using Platform.Outcomes;

namespace CareTransitions.Tests.UnitTests;

/// <summary>
/// The orchestrator's output is kept in every finished transition's durable history and read back by the dashboard's
/// recorder: its JSON names and forms are a stored format.
/// </summary>
public sealed class TransitionOutcomeJsonTests
{
    private static readonly DateTimeOffset Monday = new(2025, 1, 6, 8, 0, 0, TimeSpan.FromHours(1));

    private static readonly TransitionOutcome Outcome = new(
        "ct-1", "a1b2", "1480", "SE2321000131-E000000000001", "Avd 12", "Somatic", ["HomeCare", "Rehabilitation"],
        Monday, Monday.AddHours(1), false, Monday.AddDays(1), Monday.AddDays(3), 2, 1, 0, "Default3Days", true, null,
        [new UnitOutcome("1480-samordning", "MunicipalCoordination", Monday.AddDays(1), null, Monday.AddDays(2), Monday.AddDays(2).AddHours(1), "Phone")],
        Monday.AddDays(3).AddHours(2));

    // An outcome recorded before the SIP call was an event: no sipCallRecorded.
    private static readonly string StoredBeforeSipCall = Stored().Replace(",\"sipCallRecorded\":false", "", StringComparison.Ordinal);

    // Broken into lines here; stored as one.
    private static string Stored() => """
        {"transitionId":"ct-1","patientPseudonym":"a1b2","municipalityCode":"1480","wardHsaId":"SE2321000131-E000000000001",
        "wardName":"Avd 12","careType":"Somatic","needs":["HomeCare","Rehabilitation"],"admittedAt":"2025-01-06T08:00:00+01:00",
        "admissionNoticeAt":"2025-01-06T09:00:00+01:00","admissionNoticeLate":false,"readyForDischargeAt":"2025-01-07T08:00:00+01:00",
        "dischargedAt":"2025-01-09T08:00:00+01:00","daysReadyForDischarge":2,"withdrawalCount":1,"paymentResponsibilityDays":0,
        "paymentRule":"Default3Days","sipRequired":true,"sipCalledAt":null,"units":[{"unitId":"1480-samordning",
        "unitType":"MunicipalCoordination","notifiedAt":"2025-01-07T08:00:00+01:00","remindedAt":null,
        "escalatedAt":"2025-01-08T08:00:00+01:00","acknowledgedAt":"2025-01-08T09:00:00+01:00","acknowledgedVia":"Phone"}],"completedAt":"2025-01-09T10:00:00+01:00","sipCallRecorded":false}
        """.ReplaceLineEndings(string.Empty);

    // As outcomes were stored before phone acknowledgements: no acknowledgedVia.
    private static readonly string StoredBeforeChannels = Stored().Replace(",\"acknowledgedVia\":\"Phone\"", "", StringComparison.Ordinal);

    [Fact]
    public void Serialize_Outcome_IsTheStoredShape() =>
        Assert.Equal(Stored(), DurableTaskHosting.DataConverter.Serialize(Outcome));

    [Fact]
    public void Deserialize_StoredShape_IsTheOutcome()
    {
        var read = DurableTaskHosting.DataConverter.Deserialize<TransitionOutcome>(Stored())!;

        Assert.Equal(Stored(), DurableTaskHosting.DataConverter.Serialize(read));
        Assert.Equal(Outcome.Units.Single(), read.Units.Single());
    }

    [Fact]
    public void Deserialize_StoredBeforeTheSipCallWasAnEvent_SaysTheCallTimeIsNotRecorded()
    {
        var read = DurableTaskHosting.DataConverter.Deserialize<TransitionOutcome>(StoredBeforeSipCall)!;

        Assert.False(read.SipCallRecorded);
        Assert.Equal(Outcome with { SipCallRecorded = false }, read with { Units = Outcome.Units, Needs = Outcome.Needs });
    }

    [Fact]
    public void Deserialize_StoredBeforeChannels_ReadsWithoutAChannel()
    {
        var read = DurableTaskHosting.DataConverter.Deserialize<TransitionOutcome>(StoredBeforeChannels)!;

        Assert.NotEqual(Stored(), StoredBeforeChannels);
        Assert.Equal(Outcome.Units.Single() with { AcknowledgedVia = null }, read.Units.Single());
    }
}
