using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace CareTransitions.Configuration;

/// <summary>
/// The one JSON setting of the service: API bodies, and every workflow input, output, event and custom status.
/// Web defaults (camelCase, case-insensitive reading), enums as their names, Swedish letters as text.
/// </summary>
/// <remarks>
/// Stored durable histories are read with it, so its names and enum form must not change. A host whose engine takes
/// its serializer from elsewhere (the Azure Functions worker's <c>IOptions&lt;JsonSerializerOptions&gt;</c>) applies
/// <see cref="Apply"/> there too.
/// </remarks>
public static class CareTransitionsJson
{
    /// <summary>A read-only instance with the settings, for serializers built outside dependency injection.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Gives <paramref name="options"/> the service's settings; applying them twice changes nothing.</summary>
    public static void Apply(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.PropertyNameCaseInsensitive = true;
        options.NumberHandling = JsonNumberHandling.AllowReadingFromString;
        // Not HTML-safe-by-escaping-everything: no page is built from this JSON, and names like Göteborg stay readable.
        options.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
        if (!options.Converters.Any(c => c is JsonStringEnumConverter))
        {
            options.Converters.Add(new JsonStringEnumConverter());
        }
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions();
        Apply(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
