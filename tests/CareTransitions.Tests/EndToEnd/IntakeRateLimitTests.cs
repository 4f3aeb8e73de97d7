using System.Net;
using System.Net.Http.Json;
using CareTransitions.Tests.Infrastructure;

namespace CareTransitions.Tests.EndToEnd;

/// <summary>Intake's limit per key: 429 problem+json with Retry-After beyond it, and another system's key still served.</summary>
public sealed class IntakeRateLimitTests
{
    private const string OtherKey = "other-key-0123456789abcdefghij";

    [Fact]
    public async Task A_key_over_its_limit_gets_429_with_Retry_After_and_another_key_is_still_served()
    {
        await using var mail = await Maildev.StartAsync();
        await using var service = await ServiceHost.StartAsync(mail, "--Intake:PermitsPerMinute=3",
            $"--Intake:Senders:other:Key={OtherKey}", "--Intake:Senders:other:SendsFor=SE2321000131");
        using var other = new HttpClient { BaseAddress = new Uri(service.BaseUrl) };
        other.DefaultRequestHeaders.Add("x-functions-key", OtherKey);

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 4; i++)
        {
            var response = await service.Api.PostAsJsonAsync("/api/transitions", TestMessages.Create("AdmissionNotice", TestMessages.NewEpisode(), needs: []));
            statuses.Add(response.StatusCode);
            refused = response;
        }
        using var fromOther = await other.PostAsJsonAsync("/api/transitions", TestMessages.Create("AdmissionNotice", TestMessages.NewEpisode(), needs: []));

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal("application/problem+json", refused!.Content.Headers.ContentType?.MediaType);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Accepted, fromOther.StatusCode);
    }
}
