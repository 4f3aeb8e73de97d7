using System.Text.Json;
using System.Text.Json.Nodes;
using CareTransitions.Intake;
using CareTransitions.Tests.Infrastructure;

namespace CareTransitions.Tests.UnitTests;

/// <summary>What the security probe slipped through intake: combined enum names, control and formatting characters, dates out of reason.</summary>
public sealed class IntakeStrictnessTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Theory]
    [InlineData("type", "ReadyForDischarge,Discharged")]
    [InlineData("type", "Withdrawn,Discharged")]
    [InlineData("type", " ReadyForDischarge")]
    [InlineData("type", "ReadyForDischarge ")]
    [InlineData("type", "5")]
    [InlineData("careType", "Somatic,Psychiatric")]
    [InlineData("careType", "somatic")]
    public void An_enum_field_takes_exact_names_only(string field, string value) => AssertRefused(m => m[field] = value, field);

    [Theory]
    [InlineData("HomeCare, HomeHealthCare")]
    [InlineData("HomeCare,HomeHealthCare")]
    [InlineData(" HomeCare")]
    [InlineData("3")]
    public void A_need_takes_its_exact_name_only_so_no_unit_is_silently_dropped(string need) =>
        AssertRefused(m => m["needs"] = new JsonArray("Rehabilitation", need), "needs[1]");

    [Theory]
    [InlineData("ward.name", "Avd 12\nKvittera här: https://evil.example/ack/x")]
    [InlineData("ward.name", "Avd 12\0")]
    [InlineData("ward.name", "Avd \u202E21")]
    [InlineData("ward.name", "Avd\u200B12")]
    [InlineData("messageId", "m-1\nforged log line")]
    [InlineData("episodeId", "EP-1\r")]
    [InlineData("ward.hsaId", "SE2321000131-E000000012345\n")]
    [InlineData("patient.municipalityCode", "1480\n")]
    public void A_text_field_with_a_control_or_formatting_character_is_refused_by_name(string field, string value) =>
        AssertRefused(m => Set(m, field, value), field);

    [Theory]
    [InlineData("occurredAt", "0001-01-01T00:00:00+00:00")]
    [InlineData("occurredAt", "2019-01-01T00:00:00+01:00")]
    [InlineData("expectedDischargeDate", "9999-12-31")]
    [InlineData("expectedDischargeDate", "1900-01-01")]
    public void A_date_far_outside_reason_is_refused(string field, string value) => AssertRefused(m => m[field] = value, field);

    [Fact]
    public void A_date_within_a_year_is_taken()
    {
        var message = TestMessages.Create("ReadyForDischarge", "EP-1", occurredAt: Now.AddDays(-300),
            expectedDischargeDate: DateOnly.FromDateTime(Now.UtcDateTime.AddDays(300)).ToString("yyyy-MM-dd"));

        Assert.NotNull(IntakeRequest.Validate(JsonDocument.Parse(message.ToJsonString()).RootElement, Now, out var errors));
        Assert.Empty(errors);
    }

    private static void AssertRefused(Action<JsonObject> spoil, string field)
    {
        var message = TestMessages.Create("ReadyForDischarge", "EP-1");
        spoil(message);

        Assert.Null(IntakeRequest.Validate(JsonDocument.Parse(message.ToJsonString()).RootElement, Now, out var errors));
        Assert.Equal([field], errors.Keys.ToArray());
    }

    private static void Set(JsonObject message, string path, string value)
    {
        var parts = path.Split('.');
        var target = parts.Length == 1 ? message : message[parts[0]]!.AsObject();
        target[parts[^1]] = value;
    }
}
