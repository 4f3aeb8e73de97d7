namespace Durable.Backend.Tests.Engines;

/// <summary>A started engine: its client, and the means to stop it (and, for ours, to restart it on the same file or database).</summary>
public abstract class RunningEngine : IAsyncDisposable
{
    /// <summary>How long starting or stopping a host may take before the test fails instead of hanging.</summary>
    protected static readonly TimeSpan HostDeadline = TimeSpan.FromSeconds(30);

    /// <summary><see cref="DurableEngine.Reference"/>, <see cref="DurableEngine.Ours"/> or <see cref="DurableEngine.Postgres"/>.</summary>
    public abstract string Name { get; }

    /// <summary>The client of the current host (a restart gives a new one).</summary>
    public abstract DurableTaskClient Client { get; }

    /// <summary>The worker host's services.</summary>
    public abstract IServiceProvider Services { get; }

    /// <summary>
    /// Stops the host and starts a new one on the same store, as a deployment or a crash followed by a restart
    /// would. Only ours (on SQLite or PostgreSQL) keeps its state across that; the reference lives in memory.
    /// </summary>
    /// <param name="tasks">The new host's orchestrators and activities; by default the ones it started with.</param>
    /// <param name="downtime">How long no host runs between the stop and the start.</param>
    public abstract Task RestartAsync(Action<DurableTaskRegistry>? tasks = null, TimeSpan downtime = default);

    /// <inheritdoc />
    public abstract ValueTask DisposeAsync();
}
