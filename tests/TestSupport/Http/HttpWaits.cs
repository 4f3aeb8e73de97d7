using System.Net;
using Xunit;

namespace CareTransitions.Tests.Infrastructure;

/// <summary>Asks a route again until it answers a status (readiness after an outage, or after recovery).</summary>
public static class HttpWaits
{
    /// <summary>The first answer with <paramref name="expected"/>; fails with the last status when none came within <paramref name="within"/> (15 s).</summary>
    public static async Task<HttpResponseMessage> UntilStatusAsync(this HttpClient client, string path, HttpStatusCode expected, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var response = await client.GetAsync(path);
            if (response.StatusCode == expected || DateTime.UtcNow > deadline)
            {
                Assert.Equal(expected, response.StatusCode);
                return response;
            }

            response.Dispose();
            await Task.Delay(200);
        }
    }
}
