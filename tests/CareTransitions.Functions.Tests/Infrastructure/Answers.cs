using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CareTransitions.Functions.Tests.Infrastructure;

/// <summary>An HTTP answer reduced to what two hosts must agree on: status, content type, Location and the body.</summary>
internal sealed partial record Answer(HttpStatusCode Status, string? ContentType, string? Location, string Body)
{
    public static async Task<Answer> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        var type = response.Content.Headers.ContentType?.MediaType;
        return new Answer(response.StatusCode, type, response.Headers.Location?.ToString(), Normalize(type, body));
    }

    /// <summary>
    /// What differs between two runs by nature, not by host: times (each host's clock, each engine's instance), the
    /// problem's traceId, antiforgery tokens (random per page), the charts' SVG clip-path ids (a counter in the chart
    /// library, shared by the two hosts in this one test process), and a transition's reference (random, and each host
    /// keeps its own app store). Everything else must be the same to the byte.
    /// </summary>
    private static string Normalize(string? contentType, string body)
    {
        if (contentType is "application/json" or "application/problem+json" && body.Length > 0)
        {
            var node = JsonNode.Parse(body);
            if (node is JsonObject o)
            {
                o.Remove("traceId");
            }

            body = node!.ToJsonString();
        }

        body = IsoTime().Replace(body, "<time>");
        body = Reference().Replace(body, "<reference>");
        body = ClipPathId().Replace(body, "cl_<n>");
        return AntiforgeryValue().Replace(body, "value=\"<antiforgery>\"");
    }

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?")]
    private static partial Regex IsoTime();

    [GeneratedRegex("value=\"CfDJ8[^\"]*\"")]
    private static partial Regex AntiforgeryValue();

    /// <summary>A transition's reference as it is written raw or escaped in JSON, e.g. VÖ-7KQ2 or V\u00D6-7KQ2.</summary>
    [GeneratedRegex(@"V(Ö|\\u00D6)-[2-9A-HJ-NP-Z]{4,12}")]
    internal static partial Regex Reference();

    [GeneratedRegex(@"cl_\d+")]
    private static partial Regex ClipPathId();
}
