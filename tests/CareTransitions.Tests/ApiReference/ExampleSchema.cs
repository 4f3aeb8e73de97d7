using System.Text.Json;

namespace CareTransitions.Tests.ApiReference;

/// <summary>
/// A small JSON Schema check for the document's examples and the service's real answers: $ref, oneOf/anyOf/allOf,
/// type, enum, required, properties (no field the schema does not name, unless it allows more) and items.
/// Enough to catch an example that drifted from its record; not a full validator.
/// </summary>
internal static class ExampleSchema
{
    public static List<string> Check(JsonElement document, JsonElement schema, JsonElement value, string where)
    {
        var problems = new List<string>();
        Walk(document, schema, value, where, problems);
        return problems;
    }

    private static void Walk(JsonElement document, JsonElement schema, JsonElement value, string where, List<string> problems)
    {
        schema = Resolve(document, schema);
        foreach (var keyword in new[] { "oneOf", "anyOf" })
        {
            if (schema.TryGetProperty(keyword, out var choices))
            {
                if (!choices.EnumerateArray().Any(c => Check(document, c, value, where).Count == 0))
                {
                    problems.Add($"{where}: fits none of {keyword}");
                }

                return;
            }
        }

        if (schema.TryGetProperty("allOf", out var all))
        {
            foreach (var part in all.EnumerateArray())
            {
                Walk(document, part, value, where, problems);
            }
        }

        if (schema.TryGetProperty("type", out var type) && !TypeFits(type, value))
        {
            problems.Add($"{where}: {value.ValueKind} is not {type}");
            return;
        }

        if (schema.TryGetProperty("enum", out var allowed) && !allowed.EnumerateArray().Any(a => a.GetRawText() == value.GetRawText()))
        {
            problems.Add($"{where}: {value.GetRawText()} is not one of {allowed.GetRawText()}");
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            var properties = schema.TryGetProperty("properties", out var p) ? p : default;
            if (schema.TryGetProperty("required", out var required))
            {
                foreach (var name in required.EnumerateArray().Select(r => r.GetString()!).Where(n => !value.TryGetProperty(n, out _)))
                {
                    problems.Add($"{where}: lacks required '{name}'");
                }
            }

            var more = schema.TryGetProperty("additionalProperties", out var additional) ? additional : default;
            foreach (var property in value.EnumerateObject())
            {
                if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var propertySchema))
                {
                    Walk(document, propertySchema, property.Value, $"{where}.{property.Name}", problems);
                }
                else if (more.ValueKind == JsonValueKind.Object)
                {
                    Walk(document, more, property.Value, $"{where}.{property.Name}", problems);
                }
                else if (more.ValueKind != JsonValueKind.True && properties.ValueKind == JsonValueKind.Object)
                {
                    problems.Add($"{where}: '{property.Name}' is not in the schema");
                }
            }
        }

        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                Walk(document, items, item, $"{where}[{index++}]", problems);
            }
        }
    }

    private static JsonElement Resolve(JsonElement document, JsonElement schema)
    {
        while (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference))
        {
            var node = document;
            foreach (var part in reference.GetString()!.TrimStart('#', '/').Split('/'))
            {
                node = node.GetProperty(part);
            }

            schema = node;
        }

        return schema;
    }

    private static bool TypeFits(JsonElement type, JsonElement value) =>
        type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Any(t => Fits(t.GetString()!, value)) : Fits(type.GetString()!, value);

    private static bool Fits(string type, JsonElement value) => type switch
    {
        "null" => value.ValueKind == JsonValueKind.Null,
        "string" => value.ValueKind == JsonValueKind.String,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "number" => value.ValueKind == JsonValueKind.Number,
        "array" => value.ValueKind == JsonValueKind.Array,
        "object" => value.ValueKind == JsonValueKind.Object,
        _ => true,
    };
}
