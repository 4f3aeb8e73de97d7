using Microsoft.Extensions.Logging;

namespace Durable;

/// <summary>
/// What an orchestrator uses to act: schedule activities, timers, sub-orchestrations and wait for
/// events. Every method here is replay-safe; see <see cref="ITaskOrchestrator"/> for the rules.
/// </summary>
public abstract class TaskOrchestrationContext
{
    /// <summary>The orchestrator's registered name.</summary>
    public abstract string Name { get; }

    /// <summary>This orchestration instance's id.</summary>
    public abstract string InstanceId { get; }

    /// <summary>True while the orchestrator is re-running steps already recorded in its history.</summary>
    public abstract bool IsReplaying { get; }

    /// <summary>The replay-safe current time: when the current step started, the same on every replay.</summary>
    public abstract DateTime CurrentUtcDateTime { get; }

    /// <summary>Schedules an activity and returns its result.</summary>
    /// <exception cref="TaskFailedException">The activity failed (after retries, if a retry policy was given).</exception>
    public abstract Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, TaskOptions? options = null);

    /// <summary>Schedules an activity that returns nothing useful.</summary>
    public Task CallActivityAsync(string name, object? input = null, TaskOptions? options = null)
        => this.CallActivityAsync<object?>(name, input, options);

    /// <summary>Starts a sub-orchestration and returns its output.</summary>
    /// <exception cref="TaskFailedException">The sub-orchestration failed.</exception>
    public abstract Task<TResult> CallSubOrchestratorAsync<TResult>(
        string orchestratorName, object? input = null, SubOrchestrationOptions? options = null);

    /// <summary>Starts a sub-orchestration and waits for it to finish.</summary>
    public Task CallSubOrchestratorAsync(string orchestratorName, object? input = null, SubOrchestrationOptions? options = null)
        => this.CallSubOrchestratorAsync<object?>(orchestratorName, input, options);

    /// <summary>A durable timer that fires at <paramref name="fireAt"/> (UTC); cancel it when no longer needed.</summary>
    public abstract Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken);

    /// <summary>A durable timer that fires after <paramref name="delay"/>.</summary>
    public Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken)
        => this.CreateTimer(this.CurrentUtcDateTime.Add(delay), cancellationToken);

    /// <summary>
    /// Waits for an event raised with <see cref="DurableTaskClient.RaiseEventAsync"/>. Events raised before
    /// the orchestrator waits (even before it started) are kept and delivered in the order raised.
    /// </summary>
    public abstract Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default);

    /// <summary>Waits for an event, or throws <see cref="TaskCanceledException"/> when <paramref name="timeout"/> passes first.</summary>
    public async Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var timerCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var eventCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timer = this.CreateTimer(timeout, timerCts.Token);
        var externalEvent = this.WaitForExternalEvent<T>(eventName, eventCts.Token);
        var winner = await Task.WhenAny(timer, externalEvent);
        if (winner == externalEvent)
        {
            timerCts.Cancel();
        }
        else
        {
            eventCts.Cancel();
        }

        return await externalEvent;
    }

    /// <summary>A GUID that is the same on every replay.</summary>
    public abstract Guid NewGuid();

    /// <summary>Sets the status shown to clients (serialized to JSON), e.g. the phase of a workflow.</summary>
    public abstract void SetCustomStatus(object? customStatus);

    /// <summary>
    /// Ends this execution and restarts the orchestrator with <paramref name="newInput"/> and a fresh history.
    /// Events received but not yet consumed are carried over when <paramref name="preserveUnprocessedEvents"/> is true.
    /// </summary>
    public abstract void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true);

    /// <summary>A logger that writes only when the orchestrator is not replaying, so each line appears once.</summary>
    public abstract ILogger CreateReplaySafeLogger(string categoryName);

    /// <summary>A replay-safe logger for <typeparamref name="T"/>.</summary>
    public ILogger CreateReplaySafeLogger<T>() => this.CreateReplaySafeLogger(typeof(T).FullName ?? typeof(T).Name);
}
