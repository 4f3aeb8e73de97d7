using System.Globalization;
using System.Threading.RateLimiting;
using CareTransitions.Configuration;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CareTransitions.Acknowledgements;

/// <summary>
/// The acknowledgement pages' limit: <c>Acknowledgements:PermitsPerMinute</c> a minute per client address, so one
/// client guessing links cannot lock out a nurse elsewhere. Beyond it: a Swedish 429 page with Retry-After.
/// </summary>
/// <remarks>
/// The standalone service applies it as endpoint middleware; the Functions app, whose functions have no endpoint
/// pipeline, asks <see cref="TryAcquireAsync"/> itself. Which address counts is <see cref="IClientAddress"/>'s call.
/// </remarks>
internal sealed class AcknowledgementRateLimit : IRateLimiterPolicy<string>, IDisposable
{
    public const string Policy = "ack";

    private readonly IOptions<AcknowledgementOptions> options;
    private readonly IClientAddress clients;

    // Built with the policy, not on first use: concurrent first requests would otherwise each build one.
    private readonly PartitionedRateLimiter<HttpContext> direct;

    public AcknowledgementRateLimit(IOptions<AcknowledgementOptions> options, IClientAddress clients)
    {
        this.options = options;
        this.clients = clients;
        this.direct = PartitionedRateLimiter.Create<HttpContext, string>(this.GetPartition);
    }

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = (context, _) => RefuseAsync(context.HttpContext, context.Lease);

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        RateLimitPartition.GetFixedWindowLimiter(this.clients.Of(httpContext), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = this.options.Value.PermitsPerMinute,
            Window = TimeSpan.FromMinutes(1),
        });

    /// <summary>For hosts without the middleware: true when the request may go on; otherwise the 429 page is written.</summary>
    public async Task<bool> TryAcquireAsync(HttpContext http)
    {
        using var lease = this.direct.AttemptAcquire(http);
        if (lease.IsAcquired)
        {
            return true;
        }

        await RefuseAsync(http, lease);
        return false;
    }

    public void Dispose() => this.direct.Dispose();

    private static async ValueTask RefuseAsync(HttpContext http, RateLimitLease lease)
    {
        var seconds = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 60;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await TypedResults.Content(
            AcknowledgementPages.Message("För många försök", $"Det har kommit för många förfrågningar från din anslutning. Vänta {seconds} sekunder och öppna länken igen."),
            "text/html; charset=utf-8", System.Text.Encoding.UTF8, StatusCodes.Status429TooManyRequests).ExecuteAsync(http);
    }
}

/// <summary>The address a client's requests are counted under.</summary>
internal interface IClientAddress
{
    string Of(HttpContext http);
}

/// <summary>
/// The connection's address. Behind a proxy that is the forwarded one, set by the forwarded-headers middleware and
/// believed only from the proxies in ForwardedHeaders (<c>TrustedProxies</c>), so a client can neither name a new
/// address per request nor use up the bucket of everyone behind the proxy.
/// </summary>
internal sealed class ConnectionAddress : IClientAddress
{
    public string Of(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
