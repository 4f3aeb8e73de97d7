using System.Net;
using CareTransitions.Acknowledgements;

namespace CareTransitions.Functions.Http;

/// <summary>
/// The client's address in the worker. Every request reaches the worker from the Functions host on loopback, so the
/// connection says nothing; the host's forwarder writes the address it received the request from into
/// <c>X-Forwarded-For</c>, replacing whatever the client sent. The last entry is therefore the host's word, never
/// the client's; a request that did not come through the host is counted by its own connection.
/// </summary>
internal sealed class FunctionsHostClientAddress : IClientAddress
{
    public string Of(HttpContext http)
    {
        var connection = http.Connection.RemoteIpAddress;
        if (connection is null || !IPAddress.IsLoopback(connection))
        {
            return connection?.ToString() ?? "unknown";
        }

        var forwarded = http.Request.Headers["X-Forwarded-For"].ToString();
        var last = forwarded.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        return last is not null && IPAddress.TryParse(last, out var client) ? client.ToString() : connection.ToString();
    }
}
