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
}
