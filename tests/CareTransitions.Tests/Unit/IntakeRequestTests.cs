using System.Text.Json;
using CareTransitions.Intake;
using CareTransitions.Tests.Infrastructure;
using CareTransitions.Workflow;

namespace CareTransitions.Tests.UnitTests;

public sealed class IntakeRequestTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private static ValidIntakeMessage? Validate(string json, out Dictionary<string, string[]> errors) =>
        IntakeRequest.Validate(JsonDocument.Parse(json).RootElement, Now, out errors);

    [Fact]
    public void Validate_CompleteMessage_ReturnsTheTypedMessage()
    {
        var message = Validate(TestMessages.Create("ReadyForDischarge", "EP-1", needs: ["HomeCare", "HomeCare", "PalliativeCare"]).ToJsonString(), out var errors);

        Assert.Empty(errors);
        Assert.NotNull(message);
        Assert.Equal(MessageType.ReadyForDischarge, message.Type);
        Assert.Equal("191212121212", message.PersonalIdentityNumber);
        Assert.Equal([Need.HomeCare, Need.PalliativeCare], message.Needs);
    }

    [Fact]
    public void Validate_EmptyObject_NamesEveryRequiredField()
    {
        Assert.Null(Validate("{}", out var errors));
        Assert.Equal(["careType", "episodeId", "messageId", "occurredAt", "patient", "type", "ward"], errors.Keys.Order().ToArray());
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    public void Validate_NotAnObject_IsRefused(string json)
    {
        Assert.Null(Validate(json, out var errors));
        Assert.Equal(["body"], errors.Keys.ToArray());
    }

    [Theory]
    [InlineData("type", "1")]
    [InlineData("type", "readyfordischarge")]
    [InlineData("occurredAt", "2999-01-01T00:00:00Z")]
    [InlineData("occurredAt", "yesterday")]
    [InlineData("expectedDischargeDate", "2026-13-01")]
    public void Validate_BadValue_NamesTheField(string field, string value)
    {
        var message = TestMessages.Create("ReadyForDischarge", "EP-1");
        message[field] = value;

        Assert.Null(Validate(message.ToJsonString(), out var errors));
        Assert.Equal([field], errors.Keys.ToArray());
    }

    [Fact]
    public void Validate_DischargeDateChangedWithoutDate_NamesExpectedDischargeDate()
    {
        var message = TestMessages.Create("DischargeDateChanged", "EP-1");
        message.Remove("expectedDischargeDate");

        Assert.Null(Validate(message.ToJsonString(), out var errors));
        Assert.Equal(["expectedDischargeDate"], errors.Keys.ToArray());
    }

    [Fact]
    public void Validate_OptionalFieldsAbsent_IsValid()
    {
        var message = TestMessages.Create("AdmissionNotice", "EP-1");
        message.Remove("expectedDischargeDate");
        message.Remove("needs");

        var valid = Validate(message.ToJsonString(), out _);
        Assert.NotNull(valid);
        Assert.Null(valid.ExpectedDischargeDate);
        Assert.Empty(valid.Needs);
    }

    [Fact]
    public void Validate_FullHandover_ReadsTheNameAndEveryPart()
    {
        var message = Validate(TestMessages.WithHandover(TestMessages.Create("ReadyForDischarge", "EP-1")).ToJsonString(), out var errors);

        Assert.Empty(errors);
        Assert.NotNull(message);
        Assert.Equal(TestMessages.TestPatientName, message.PatientName);
        var plan = message.Plan;
        Assert.NotNull(plan);
        Assert.Equal("010-123 45 99", plan.Contact!.Night!.Phone);
        Assert.Equal(TestMessages.TestPlanningNotes, plan.PlanningNotes);
        Assert.StartsWith("Gångträning", plan.Rehabilitation!.Physiotherapy, StringComparison.Ordinal);
        Assert.Equal([CareTransitions.Handover.AssistiveDeviceState.Prescribed, CareTransitions.Handover.AssistiveDeviceState.Needed], plan.AssistiveDevices.Select(d => d.State));
        Assert.Equal("dotter", Assert.Single(plan.NextOfKin).Relation);
    }

    [Fact]
    public void Validate_PlanningNotesOverSeveralLines_AreKept()
    {
        var json = TestMessages.WithHandover(TestMessages.Create("ReadyForDischarge", "EP-1"), planningNotes: "Rad ett\nRad två\r\n\tindrag");

        var message = Validate(json.ToJsonString(), out var errors);

        Assert.Empty(errors);
        Assert.Equal("Rad ett\nRad två\r\n\tindrag", message!.Plan!.PlanningNotes);
    }

    [Fact]
    public void Validate_BadHandoverFields_NamesEachWithoutEchoingIt()
    {
        var json = TestMessages.WithHandover(TestMessages.Create("ReadyForDischarge", "EP-1"));
        json["patient"]!["name"] = "Tolvan\u202ETolvansson";
        json["handover"]!["contact"]!["night"]!["phone"] = "ring Tolvan";
        json["handover"]!["assistiveDevices"]![0]!["state"] = "Ordered";
        json["handover"]!["assistiveDevices"]![1]!["responsible"] = null;
        json["handover"]!["planningNotes"] = new string('x', CareTransitions.Handover.HandoverRequest.MaxNotesLength + 1);
        json["handover"]!["nextOfKin"] = "Tolva";

        Assert.Null(Validate(json.ToJsonString(), out var errors));

        Assert.Equal(
            ["handover.assistiveDevices[0].state", "handover.assistiveDevices[1].responsible", "handover.contact.night.phone", "handover.nextOfKin", "handover.planningNotes", "patient.name"],
            errors.Keys.Order(StringComparer.Ordinal).ToArray());
        Assert.DoesNotContain(errors.Values.SelectMany(v => v), e => e.Contains("Tolva", StringComparison.Ordinal) || e.Contains("ring", StringComparison.Ordinal));
        Assert.Contains("Needed, Prescribed, Delivered", errors["handover.assistiveDevices[0].state"][0], StringComparison.Ordinal);
    }
}
