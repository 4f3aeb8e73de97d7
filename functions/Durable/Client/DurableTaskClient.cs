using System.Runtime.CompilerServices;
using Durable.Runtime;
using Durable.Storage;

namespace Durable;

/// <summary>Starts, queries and controls orchestration instances. Thread-safe; register once.</summary>
public sealed class DurableTaskClient
{
    private readonly IOrchestrationStore store;
    private readonly TimeProvider clock;

    internal DurableTaskClient(IOrchestrationStore store, TimeProvider clock)
    {
        this.store = store;
        this.clock = clock;
    }

    /// <summary>
    /// Schedules a new instance. Idempotent by instance id: if an instance with the id is Pending,
    /// Running or Suspended, nothing is created and the id is returned; a finished one is replaced.
    /// </summary>
    /// <returns>The instance id.</returns>
    public async Task<string> ScheduleNewOrchestrationInstanceAsync(
        string orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orchestratorName);
        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        InstanceIds.Validate(instanceId);
        var now = this.clock.GetUtcNow().UtcDateTime;
        var visibleAt = options?.StartAt is { } startAt && startAt > now ? startAt.ToUniversalTime() : now;
        await this.store.CreateInstanceAsync(
            new NewInstance(instanceId, Guid.NewGuid().ToString("N"), orchestratorName, DurableJson.Serialize(input), now, visibleAt),
            cancellationToken);
        return instanceId;
    }

    /// <summary>
    /// Sends an event to an instance. Kept until the orchestrator waits for it, even if the instance
    /// has not been started yet; discarded if the instance has already finished.
    /// </summary>
    public Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellationToken = default)
    {
        InstanceIds.Validate(instanceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        return this.store.SendMessageAsync(
            instanceId,
            new HistoryEvent(EventType.EventRaised, this.Now) { Name = eventName, Payload = DurableJson.Serialize(eventPayload) },
            cancellationToken);
    }

    /// <summary>Gets one instance, or null if there is none with that id.</summary>
    public async Task<OrchestrationMetadata?> GetInstanceAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default)
        => (await this.store.GetInstanceAsync(instanceId, cancellationToken))?.ToMetadata(getInputsAndOutputs);

    /// <summary>Gets one page of instances matching the query, newest first.</summary>
    public async Task<Page<OrchestrationMetadata>> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.PageSize, 1000);
        var page = await this.store.QueryInstancesAsync(query, cancellationToken);
        return new(page.Values.Select(i => i.ToMetadata(query.FetchInputsAndOutputs)).ToList(), page.ContinuationToken);
    }

    /// <summary>Enumerates every instance matching the query, page by page.</summary>
    public async IAsyncEnumerable<OrchestrationMetadata> GetAllInstancesAsync(
        OrchestrationQuery? query = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        query ??= new OrchestrationQuery();
        while (true)
        {
            var page = await this.QueryInstancesAsync(query, cancellationToken);
            foreach (var instance in page.Values)
            {
                yield return instance;
            }

            if (page.ContinuationToken is null)
            {
                yield break;
            }

            query = query with { ContinuationToken = page.ContinuationToken };
        }
    }

    /// <summary>Waits until the instance has finished (Completed, Failed or Terminated) and returns it.</summary>
    /// <exception cref="InvalidOperationException">No instance has that id.</exception>
    public async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default)
    {
        Task? changed = null;
        try
        {
            while (true)
            {
                // Take the wake-up before reading, so a completion between the read and the wait is not missed.
                changed = this.store.Signals.InstanceChanged(instanceId);
                var instance = await this.GetInstanceAsync(instanceId, getInputsAndOutputs, cancellationToken)
                    ?? throw new InvalidOperationException($"No orchestration instance has the id '{instanceId}'.");
                if (instance.IsCompleted)
                {
                    return instance;
                }

                // Another process may finish it without our in-process signal: look again every half second.
                await Task.WhenAny(changed, Task.Delay(TimeSpan.FromMilliseconds(500), this.clock, cancellationToken));
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        finally
        {
            // Whether done, cancelled or failed: leave no watcher behind for an instance that may never change again.
            if (changed is not null)
            {
                this.store.Signals.ForgetInstanceWatcher(instanceId, changed);
            }
        }
    }

    /// <summary>Stops an instance; it ends Terminated with <paramref name="output"/> as its output.</summary>
    public Task TerminateInstanceAsync(string instanceId, object? output = null, CancellationToken cancellationToken = default)
        => this.SendAsync(instanceId, new HistoryEvent(EventType.ExecutionTerminated, this.Now) { Payload = DurableJson.Serialize(output) }, cancellationToken);

    /// <summary>Pauses an instance: events are kept, not acted on, until it is resumed.</summary>
    public Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default)
        => this.SendAsync(instanceId, new HistoryEvent(EventType.ExecutionSuspended, this.Now) { Name = reason }, cancellationToken);

    /// <summary>Resumes a suspended instance.</summary>
    public Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default)
        => this.SendAsync(instanceId, new HistoryEvent(EventType.ExecutionResumed, this.Now) { Name = reason }, cancellationToken);

    /// <summary>Deletes a finished instance and its history. Active instances are left alone (count 0).</summary>
    public async Task<PurgeResult> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
        => new(await this.store.PurgeAsync(instanceId, null, cancellationToken));

    /// <summary>Deletes finished instances matching the filter, with their history.</summary>
    public async Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellationToken = default)
        => new(await this.store.PurgeAsync(null, filter, cancellationToken));

    /// <summary>Messages and activity tasks set aside after too many attempts, with their reasons.</summary>
    public Task<IReadOnlyList<PoisonMessage>> GetPoisonMessagesAsync(string? instanceId = null, CancellationToken cancellationToken = default)
        => this.store.GetPoisonMessagesAsync(instanceId, cancellationToken);

    private DateTime Now => this.clock.GetUtcNow().UtcDateTime;

    private async Task SendAsync(string instanceId, HistoryEvent message, CancellationToken cancellationToken)
    {
        var instance = await this.store.GetInstanceAsync(instanceId, cancellationToken)
            ?? throw new InvalidOperationException($"No orchestration instance has the id '{instanceId}'.");
        if (!instance.IsTerminal)
        {
            await this.store.SendMessageAsync(instanceId, message, cancellationToken);
        }
    }
}

internal static class InstanceIds
{
    public static void Validate(string instanceId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        if (instanceId.Length > 256)
        {
            throw new ArgumentException("An instance id is at most 256 characters.", nameof(instanceId));
        }
    }
}
