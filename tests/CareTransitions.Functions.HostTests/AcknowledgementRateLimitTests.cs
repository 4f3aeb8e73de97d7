using System.Net;
using System.Net.Sockets;
using CareTransitions.Functions.HostTests.Infrastructure;

namespace CareTransitions.Functions.HostTests;

/// <summary>
/// The acknowledgement pages' limit under the host, per client: the worker counts by the address the host received the
/// request from, which the host writes into X-Forwarded-For over anything the client sent.
/// </summary>
[Collection(AppUnderHostCollection.Name)]
public sealed class AcknowledgementRateLimitTests(AppUnderHost app)
{
    [HostFact]
    public async Task One_client_over_the_limit_gets_429_whatever_it_forwards_and_another_client_is_still_served()
    {
        var settings = FunctionsHostProcess.Settings(app.Services, "acklimit");
        settings["Acknowledgements__PermitsPerMinute"] = "3";
        await using var host = await FunctionsHostProcess.StartAsync(settings);
        using var first = ClientFrom(IPAddress.Loopback, host.BaseUrl);
        using var second = ClientFrom(IPAddress.Parse("127.0.0.2"), host.BaseUrl);

        // A new X-Forwarded-For on every request does not buy a new bucket.
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 5; i++)
        {
            var request = new HttpRequestMessage(i % 2 == 0 ? HttpMethod.Get : HttpMethod.Post, $"/ack/unknown-token-{i}");
            request.Headers.Add("X-Forwarded-For", $"203.0.113.{i}");
            var response = await first.SendAsync(request);
            statuses.Add(response.StatusCode);
            refused = response;
        }

        using var fromElsewhere = await second.GetAsync("/ack/unknown-token-x");

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.InRange(int.Parse(refused!.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.Contains("För många försök", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("nosniff", string.Join(",", refused.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal(HttpStatusCode.NotFound, fromElsewhere.StatusCode);
    }

    /// <summary>A client whose connections come from <paramref name="source"/>: 127.0.0.2 is another machine to the host.</summary>
    private static HttpClient ClientFrom(IPAddress source, string baseUrl) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    { BaseAddress = new Uri(baseUrl) };
}
