using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CareTransitions.Tests.Infrastructure;

namespace CareTransitions.Tests.EndToEnd;

/// <summary>Client faults at intake are answered as such (413, 400), never 500 with a stack trace.</summary>
public sealed class IntakeLimitsTests
{
    [Theory]
    [InlineData("/api/transitions", false)]
    [InlineData("/api/transitions", true)]
    [InlineData("/api/queues/transitions", true)]
    public async Task A_body_over_the_limit_gets_413_problem_json_whether_its_length_is_declared_or_chunked(string path, bool chunked)
    {
        await using var mail = await Maildev.StartAsync();
        await using var service = await ServiceHost.StartAsync(mail);
        var body = "{\"messageId\":\"" + new string('x', 2 * 1024 * 1024) + "\"}";
        using var content = chunked ? new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body))) : (HttpContent)new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.TransferEncodingChunked = chunked;

        using var response = await service.Api.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("at most 1024 KiB", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_continuation_token_the_service_never_gave_gets_400()
    {
        await using var mail = await Maildev.StartAsync();
        await using var service = await ServiceHost.StartAsync(mail);

        using var response = await service.Api.GetAsync("/api/transitions?continuationToken=not-a-token");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("continuationToken", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
