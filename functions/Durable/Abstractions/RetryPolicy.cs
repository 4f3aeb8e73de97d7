namespace Durable;

/// <summary>How a failed activity or sub-orchestration is retried, with durable timers between attempts.</summary>
public sealed record RetryPolicy
{
    /// <summary>Creates a retry policy.</summary>
    /// <param name="maxNumberOfAttempts">Total attempts including the first; at least 1.</param>
    /// <param name="firstRetryInterval">Delay before the second attempt; greater than zero.</param>
    /// <param name="backoffCoefficient">Each delay is the previous one times this; at least 1.</param>
    /// <param name="maxRetryInterval">Upper bound for a single delay.</param>
    /// <param name="retryTimeout">No attempt starts once this much time has passed since the first.</param>
    public RetryPolicy(
        int maxNumberOfAttempts,
        TimeSpan firstRetryInterval,
        double backoffCoefficient = 1.0,
        TimeSpan? maxRetryInterval = null,
        TimeSpan? retryTimeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNumberOfAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(firstRetryInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(backoffCoefficient, 1.0);
        this.MaxNumberOfAttempts = maxNumberOfAttempts;
        this.FirstRetryInterval = firstRetryInterval;
        this.BackoffCoefficient = backoffCoefficient;
        this.MaxRetryInterval = maxRetryInterval ?? TimeSpan.FromHours(1);
        this.RetryTimeout = retryTimeout ?? Timeout.InfiniteTimeSpan;
    }

    /// <summary>Total attempts including the first.</summary>
    public int MaxNumberOfAttempts { get; }

    /// <summary>Delay before the second attempt.</summary>
    public TimeSpan FirstRetryInterval { get; }

    /// <summary>Growth factor between delays.</summary>
    public double BackoffCoefficient { get; }

    /// <summary>Upper bound for one delay.</summary>
    public TimeSpan MaxRetryInterval { get; }

    /// <summary>Overall time budget for retrying; infinite by default.</summary>
    public TimeSpan RetryTimeout { get; }

    /// <summary>Which failures are worth retrying; all by default.</summary>
    public Func<TaskFailureDetails, bool> HandleFailure { get; init; } = static _ => true;

    /// <summary>The delay after failed attempt number <paramref name="attempt"/> (1-based).</summary>
    public TimeSpan DelayAfter(int attempt)
    {
        var ms = this.FirstRetryInterval.TotalMilliseconds * Math.Pow(this.BackoffCoefficient, attempt - 1);
        return TimeSpan.FromMilliseconds(Math.Min(ms, this.MaxRetryInterval.TotalMilliseconds));
    }
}

/// <summary>Options for scheduling an activity.</summary>
/// <param name="Retry">The retry policy, if failures should be retried.</param>
public record TaskOptions(RetryPolicy? Retry = null)
{
    /// <summary>Options that retry with <paramref name="policy"/>.</summary>
    public static TaskOptions FromRetryPolicy(RetryPolicy policy) => new(policy);
}

/// <summary>Options for starting a sub-orchestration.</summary>
/// <param name="InstanceId">The child's instance id; a deterministic new GUID when null.</param>
/// <param name="Retry">The retry policy, if failures should be retried.</param>
public sealed record SubOrchestrationOptions(string? InstanceId = null, RetryPolicy? Retry = null) : TaskOptions(Retry);
