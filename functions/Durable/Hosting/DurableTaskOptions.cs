namespace Durable;

/// <summary>Engine settings. Bound from configuration section <c>Durable</c> by the app, or set in code.</summary>
public sealed class DurableTaskOptions
{
    /// <summary>The SQLite database file (created with its folder on first start).</summary>
    public string DatabasePath { get; set; } = Path.Combine("data", "durable.db");

    /// <summary>Run the worker (dispatchers) in this process; false for a client-only process.</summary>
    public bool EnableWorker { get; set; } = true;

    /// <summary>Orchestration steps executed at once.</summary>
    public int MaxConcurrentOrchestrations { get; set; } = 64;

    /// <summary>Activities executed at once.</summary>
    public int MaxConcurrentActivities { get; set; } = 64;

    /// <summary>How long a worker owns leased work before another worker may take it over.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often to look for work that another process added. Work added in this process is picked up
    /// at once and due timers at their time, whatever this is.
    /// </summary>
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Attempts after which a message or task that keeps failing is set aside (poison), with its reason.</summary>
    public int MaxDequeueCount { get; set; } = 10;

    /// <summary>When set, finished instances older than this are purged automatically.</summary>
    public TimeSpan? CompletedInstanceRetention { get; set; }

    /// <summary>
    /// This worker's name in leases; unique per process by default ("machine:process id:nonce"), which lets a
    /// restarted worker reclaim at once the leases of a dead predecessor on the same machine.
    /// </summary>
    public string WorkerId { get; set; } = Worker.DeadWorkerLeases.NewWorkerId();
}
