using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace CareTransitions.OpenApi;

/// <summary>
/// Examples are the real records serialized as the endpoints serialize them (camelCase, enums as names), so an
/// example cannot drift from its schema by a renamed field.
/// </summary>
internal static class ExampleJson
{
    // IMPORTANT: the same settings as the host's HTTP JSON options (CareTransitionsExtensions.AddCareTransitionFeatures).
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static JsonNode Of<T>(T value) => JsonSerializer.SerializeToNode(value, Options)!;

    /// <summary>Where the examples' links point: a made-up address under example.se, never a real host.</summary>
    public const string BaseUrl = "https://vardovergangar.example.se";
}
