using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using CareTransitions.Configuration;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CareTransitions.Intake;

/// <summary>
/// Intake's limit per key (so per sending system), per instance: a token bucket of <c>Intake:PermitsPerMinute</c>
/// that refills each second. Beyond it: 429 problem+json with Retry-After, and nothing is stored. One system's burst
/// never slows another's; the key is held only as a hash.
/// </summary>
internal sealed class IntakeRateLimit(IOptions<IntakeOptions> intake) : IRateLimiterPolicy<string>
{
    public const string Policy = "intake";

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = async (context, _) =>
    {
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 1;
        context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
            detail: $"Too many messages with this key; nothing was stored. Send again after {seconds} s.").ExecuteAsync(context.HttpContext);
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        RateLimitPartition.GetTokenBucketLimiter(PartitionOf(httpContext), _ => Bucket(intake.Value.PermitsPerMinute));

    /// <summary>
    /// Exactly <paramref name="permitsPerMinute"/> a minute, refilled in the smallest whole steps of at least a second:
    /// 3000 → 50 a second, 90 → 3 every 2 s, 3 → 1 every 20 s. (It was max(1, n/60) a second, which let any limit under
    /// 60 through at 60 a minute and rounded others down.)
    /// </summary>
    internal static TokenBucketRateLimiterOptions Bucket(int permitsPerMinute)
    {
        var step = (int)BigInteger.GreatestCommonDivisor(permitsPerMinute, 60);
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = permitsPerMinute,
            TokensPerPeriod = permitsPerMinute / step,
            ReplenishmentPeriod = TimeSpan.FromSeconds(60 / step),
            QueueLimit = 0,
        };
    }

    private static string PartitionOf(HttpContext http) =>
        http.Request.Headers[ApiKeyFilter.HeaderName].FirstOrDefault() is { Length: > 0 } key
            ? Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)))
            : "no key";
}

internal static class IntakeRateLimitExtensions
{
    public static IServiceCollection AddIntakeRateLimit(this IServiceCollection services) =>
        services.AddRateLimiter(limiter => limiter.AddPolicy<string, IntakeRateLimit>(IntakeRateLimit.Policy));
}
