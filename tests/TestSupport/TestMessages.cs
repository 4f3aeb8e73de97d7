using System.Text.Json.Nodes;

namespace CareTransitions.Tests.Infrastructure;

/// <summary>Intake messages for tests. The personnummer is Skatteverket's well-known test number.</summary>
public static class TestMessages
{
    public const string TestPersonnummer = "19121212-1212";
    public const string WardHsaId = "SE2321000131-E000000012345";

    public static JsonObject Create(
        string type, string episodeId, string municipalityCode = "1480", string[]? needs = null, string? messageId = null,
        DateTimeOffset? occurredAt = null, string? expectedDischargeDate = null, string careType = "Somatic") => new()
        {
            ["messageId"] = messageId ?? Guid.NewGuid().ToString("N"),
            ["type"] = type,
            ["episodeId"] = episodeId,
            ["occurredAt"] = (occurredAt ?? DateTimeOffset.UtcNow.AddMinutes(-1)).ToString("yyyy-MM-dd'T'HH:mm:sszzz"),
            ["patient"] = new JsonObject { ["personalIdentityNumber"] = TestPersonnummer, ["municipalityCode"] = municipalityCode },
            ["ward"] = new JsonObject { ["hsaId"] = WardHsaId, ["name"] = "Avdelning 12 Medicin" },
            ["careType"] = careType,
            ["expectedDischargeDate"] = expectedDischargeDate ?? DateOnly.FromDateTime(DateTime.UtcNow.AddDays(3)).ToString("yyyy-MM-dd"),
            ["needs"] = new JsonArray((needs ?? ["HomeHealthCare", "Rehabilitation"]).Select(n => (JsonNode)n!).ToArray()),
        };

    public static string NewEpisode() => "EP-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>The test patient's name; tests look for it where it must never be (emails, logs, stores' bytes).</summary>
    public const string TestPatientName = "Tolvan Tolvansson";

    /// <summary>Planning text as a ward writes it; as findable as the name.</summary>
    public const string TestPlanningNotes = "Hemgång med hemtjänst morgon och kväll. Insulin kl 08 – Tolvans dotter har nyckel.";

    /// <summary>The message with the patient's name and a full <c>handover</c> object (the intake's planning information).</summary>
    public static JsonObject WithHandover(JsonObject message, string? planningNotes = null)
    {
        message["patient"]!["name"] = TestPatientName;
        message["handover"] = new JsonObject
        {
            ["contact"] = new JsonObject
            {
                ["day"] = new JsonObject { ["name"] = "Avdelning 12, sjuksköterska dagtid", ["phone"] = "010-123 45 67" },
                ["night"] = new JsonObject { ["name"] = "Avdelning 12, jourhavande sjuksköterska", ["phone"] = "010-123 45 99" },
                ["email"] = "avd12@sjukhus.example.se",
            },
            ["planningNotes"] = planningNotes ?? TestPlanningNotes,
            ["rehabilitation"] = new JsonObject
            {
                ["occupationalTherapy"] = "Bedöm boendemiljön före hemgång; duschpall behövs.",
                ["physiotherapy"] = "Gångträning med rollator två gånger dagligen.",
            },
            ["assistiveDevices"] = new JsonArray(
                new JsonObject { ["device"] = "Rollator", ["state"] = "Prescribed", ["responsible"] = "Kommunens rehab" },
                new JsonObject { ["device"] = "Duschpall", ["state"] = "Needed", ["responsible"] = "Kommunens arbetsterapeut" }),
            ["nextOfKin"] = new JsonArray(new JsonObject { ["name"] = "Tolva Tolvansson", ["relation"] = "dotter", ["phone"] = "070-123 45 67" }),
        };
        return message;
    }
}
