using System.Text.Json;
using System.Text.Json.Serialization;

namespace Durable;

/// <summary>The JSON settings for every input, output, event payload and status the engine stores.</summary>
public static class DurableJson
{
    // IMPORTANT: these settings must not change once instances are stored: histories written with one
    // setting are replayed with the other, and a changed name casing would silently read nulls.
    /// <summary>The serializer options (web defaults, enums as strings).</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    internal static string? Serialize(object? value) => value is null ? null : JsonSerializer.Serialize(value, value.GetType(), Options);

    internal static object? Deserialize(string? json, Type type) =>
        json is null ? (type.IsValueType ? Activator.CreateInstance(type) : null) : JsonSerializer.Deserialize(json, type, Options);

    internal static T? Deserialize<T>(string? json) => json is null ? default : JsonSerializer.Deserialize<T>(json, Options);
}
