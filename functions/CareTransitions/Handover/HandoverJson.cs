using System.Text.Json;

namespace CareTransitions.Handover;

/// <summary>The one serialization of what is sealed, so a version compares and opens the same way everywhere.</summary>
internal static class HandoverJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options)
        ?? throw new JsonException($"Sealed {typeof(T).Name} is empty.");
}
