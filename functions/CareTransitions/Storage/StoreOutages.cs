using Microsoft.AspNetCore.Diagnostics;
using Platform.Storage;

namespace CareTransitions.Storage;

/// <summary>
/// Failures that mean "a store cannot be reached right now" rather than a bug: any request that meets one is
/// answered 503 with <c>Retry-After</c> (problem+json) instead of 500, and the service carries on; the next
/// request tries the database again.
/// </summary>
public static class StoreOutages
{
    /// <summary>Seconds a caller is asked to wait before sending the same request again.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>
    /// Adds a rule for a store the library cannot know by itself: the standalone host's durable backend, whose own
    /// rule (<c>BackendOutage</c>) says how its outage looks to a client.
    /// </summary>
    public static IServiceCollection AddStoreOutageRule(this IServiceCollection services, Func<Exception, bool> isOutage) =>
        services.AddSingleton(new StoreOutageRule(isOutage));

    internal static IServiceCollection AddStoreOutageHandling(this IServiceCollection services)
    {
        services.AddExceptionHandler<StoreOutageHandler>();
        return services;
    }

    /// <summary>The platform's rule (<see cref="StoreOutage"/>), or a host's own for a store only it knows, on the exception or one inside it.</summary>
    internal static bool IsOutage(Exception exception, IEnumerable<StoreOutageRule> rules)
    {
        if (StoreOutage.IsOutage(exception))
        {
            return true;
        }

        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (rules.Any(r => r.Matches(e)))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>One host-supplied outage rule (<see cref="StoreOutages.AddStoreOutageRule"/>).</summary>
internal sealed record StoreOutageRule(Func<Exception, bool> Matches);

/// <summary>Turns an outage into 503 + Retry-After problem+json; anything else goes on to the default handling (500).</summary>
internal sealed partial class StoreOutageHandler(
    IProblemDetailsService problems, IEnumerable<StoreOutageRule> rules, ILogger<StoreOutageHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (!StoreOutages.IsOutage(exception, rules))
        {
            return false;
        }

        logger.AnsweredStoreOutage(http.Request.Method, http.Request.Path, exception.GetType().Name, exception.Message);
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = StoreOutages.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Database unavailable",
                Detail = $"The service's database cannot be reached right now. Nothing was half-stored, and sending the same request again is safe (a message is recognised by its messageId): try again in {StoreOutages.RetryAfterSeconds} seconds. /readyz says which store is down.",
            },
        });
    }

    // The exception's type and message only: its stack trace adds nothing to "the database is down", many times a second.
}
