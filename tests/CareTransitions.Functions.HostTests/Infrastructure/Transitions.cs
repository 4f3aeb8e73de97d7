using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CareTransitions.Tests.Infrastructure;

namespace CareTransitions.Functions.HostTests.Infrastructure;

/// <summary>What a regional system does with the app's API: send a message, read a transition's status.</summary>
public static class Transitions
{
    /// <summary>Posts a message with the function key; returns the transition id of the 202.</summary>
    public static async Task<string> SubmitAsync(this FunctionsHostProcess host, JsonObject message)
    {
        using var response = await host.Http.SendAsync(host.WithFunctionKey(HttpMethod.Post, "/api/transitions", JsonContent.Create(message)));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"intake answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }

    public static async Task<JsonElement> StatusAsync(this FunctionsHostProcess host, string id)
    {
        using var response = await host.Http.SendAsync(host.WithFunctionKey(HttpMethod.Get, $"/api/transitions/{id}"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"status of {id} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Asks for the status until <paramref name="done"/> holds; fails with the last status and the host's last lines.</summary>
    public static async Task<JsonElement> WaitForAsync(this FunctionsHostProcess host, string id, Func<JsonElement, bool> done, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(90));
        JsonElement? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = await host.StatusAsync(id);
                if (done(last.Value))
                {
                    return last.Value;
                }
            }
            catch (Xunit.Sdk.XunitException)
            {
                // Not there yet (404 until the instance exists).
            }
            await Task.Delay(500);
        }
        throw new TimeoutException($"Transition {id} did not reach the expected state within {within ?? TimeSpan.FromSeconds(90)}. Last status: {last}\nHost output ends:\n{host.Tail(40)}");
    }

    public static IEnumerable<JsonElement> Units(JsonElement status) =>
        status.TryGetProperty("status", out var custom) && custom.ValueKind == JsonValueKind.Object && custom.TryGetProperty("units", out var units)
            ? units.EnumerateArray()
            : [];

    public static bool AllNotified(JsonElement status) =>
        Units(status).Any() && Units(status).All(u => u.GetProperty("notifiedAt").ValueKind == JsonValueKind.String);

    /// <summary>The id intake gives an episode of <see cref="TestMessages.WardHsaId"/>'s care provider (a hash, as TransitionIds makes it).</summary>
    public static string IdOf(string episode)
    {
        var sender = TestMessages.WardHsaId.Split('-', 2)[0];
        return "ct-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{sender}\n{episode}")))[..32];
    }

    /// <summary>The emails of one transition whose Message-ID starts with <paramref name="kind"/> (notification, reminder, escalation, update).</summary>
    public static Func<ReceivedEmail, bool> Of(string id, string kind) =>
        e => e.MessageId.StartsWith("<" + kind, StringComparison.Ordinal) && e.MessageId.Contains(id, StringComparison.Ordinal);
}
