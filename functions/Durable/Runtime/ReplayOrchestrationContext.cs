using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Durable.Runtime;

/// <summary>
/// The context handed to orchestrator code. It records the actions the code asks for and completes the
/// tasks the code awaits as <see cref="OrchestrationExecutor"/> feeds it the history, event by event.
/// </summary>
internal sealed class ReplayOrchestrationContext(string name, string instanceId, ILoggerFactory loggerFactory)
    : TaskOrchestrationContext
{
    private readonly Dictionary<int, IOpenTask> openTasks = [];
    private readonly SortedDictionary<int, OrchestratorAction> unconfirmed = [];
    private readonly Dictionary<string, List<IEventWaiter>> waiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Queue<string?>> bufferedEvents = new(StringComparer.OrdinalIgnoreCase);
    private int nextEventId;
    private int guidCounter;

    public override string Name => name;

    public override string InstanceId => instanceId;

    public override bool IsReplaying => this.Replaying;

    public override DateTime CurrentUtcDateTime => this.Now;

    internal bool Replaying { get; set; }

    internal DateTime Now { get; set; }

    /// <summary>Starts as the stored status, so a status set in an earlier execution stays until the code sets another (or null).</summary>
    internal string? CustomStatus { get; set; }

    internal (string? Input, bool PreserveEvents)? ContinueAsNewRequest { get; private set; }

    /// <summary>Actions the code asked for that the history has not recorded: the new work of this step.</summary>
    internal IReadOnlyCollection<OrchestratorAction> UnconfirmedActions => this.unconfirmed.Values;

    public override Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, TaskOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var serialized = DurableJson.Serialize(input);
        return options?.Retry is { } retry
            ? this.WithRetry(retry, () => this.Schedule<TResult>(id => new ScheduleTaskAction(id, name, serialized), name))
            : this.Schedule<TResult>(id => new ScheduleTaskAction(id, name, serialized), name);
    }

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(
        string orchestratorName, object? input = null, SubOrchestrationOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orchestratorName);
        var serialized = DurableJson.Serialize(input);
        Task<TResult> Attempt()
        {
            // A retried child gets a fresh id unless the caller fixed one.
            var childId = options?.InstanceId ?? this.NewGuid().ToString("N");
            return this.Schedule<TResult>(id => new CreateSubOrchestrationAction(id, orchestratorName, childId, serialized), orchestratorName);
        }

        return options?.Retry is { } retry ? this.WithRetry(retry, Attempt) : Attempt();
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        var fireAtUtc = fireAt.Kind == DateTimeKind.Local ? fireAt.ToUniversalTime() : DateTime.SpecifyKind(fireAt, DateTimeKind.Utc);
        var id = this.nextEventId++;
        var open = new OpenTask<object?>("timer");
        this.openTasks[id] = open;
        this.unconfirmed[id] = new CreateTimerAction(id, fireAtUtc);
        if (cancellationToken.CanBeCanceled)
        {
            // The timer message still arrives later; the cancelled task simply ignores it.
            cancellationToken.Register(() => open.TrySetCanceled());
        }

        return open.Task;
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        if (this.bufferedEvents.TryGetValue(eventName, out var queue) && queue.Count > 0)
        {
            var payload = queue.Dequeue();
            try
            {
                return Task.FromResult((T)DurableJson.Deserialize(payload, typeof(T))!);
            }
            catch (Exception e)
            {
                return Task.FromException<T>(e);
            }
        }

        var waiter = new EventWaiter<T>();
        if (!this.waiters.TryGetValue(eventName, out var list))
        {
            this.waiters[eventName] = list = [];
        }

        list.Add(waiter);
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() =>
            {
                if (waiter.TrySetCanceled())
                {
                    list.Remove(waiter);
                }
            });
        }

        return waiter.Task;
    }

    public override Guid NewGuid()
    {
        // Name-based (RFC 4122 version 5) from values that are the same on every replay.
        var name = $"{this.InstanceId}_{this.Now.Ticks}_{this.guidCounter++}";
        var hash = SHA1.HashData(Encoding.UTF8.GetBytes(name));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    public override void SetCustomStatus(object? customStatus) => this.CustomStatus = DurableJson.Serialize(customStatus);

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) =>
        this.ContinueAsNewRequest = (DurableJson.Serialize(newInput), preserveUnprocessedEvents);

    public override ILogger CreateReplaySafeLogger(string categoryName) =>
        new ReplaySafeLogger(this, loggerFactory.CreateLogger(categoryName));

    /// <summary>Checks a recorded scheduling event against what the code asked for at the same position.</summary>
    internal void ConfirmAction(HistoryEvent recorded)
    {
        if (!this.unconfirmed.Remove(recorded.EventId, out var action) || !action.Matches(recorded))
        {
            throw new NonDeterministicOrchestrationException(
                $"Non-deterministic orchestration '{this.Name}' ({this.InstanceId}): the history records that step #{recorded.EventId} " +
                $"was to {recorded.Describe()}, but the orchestrator now " +
                (action is null ? "does not do that." : $"asks to {action.Describe()}.") +
                " Was the orchestrator code changed while this instance was running?");
        }
    }

    /// <summary>At an episode boundary in history, every action the code took before it must have been recorded.</summary>
    internal void EnsureAllActionsConfirmed()
    {
        if (this.unconfirmed.Count > 0)
        {
            var action = this.unconfirmed.Values.First();
            throw new NonDeterministicOrchestrationException(
                $"Non-deterministic orchestration '{this.Name}' ({this.InstanceId}): the orchestrator now asks to {action.Describe()} " +
                $"as step #{action.Id}, which its history does not record. Was the orchestrator code changed while this instance was running?");
        }
    }

    internal void Complete(int taskId, string? payload)
    {
        if (this.openTasks.Remove(taskId, out var open))
        {
            open.SetResult(payload);
        }
    }

    internal void Fail(int taskId, TaskFailureDetails failure)
    {
        if (this.openTasks.Remove(taskId, out var open))
        {
            open.SetFailure(taskId, failure);
        }
    }

    internal void DeliverEvent(string name, string? payload)
    {
        if (this.waiters.TryGetValue(name, out var list) && list.Count > 0)
        {
            var waiter = list[0];
            list.RemoveAt(0);
            waiter.Deliver(payload);
            return;
        }

        if (!this.bufferedEvents.TryGetValue(name, out var queue))
        {
            this.bufferedEvents[name] = queue = new();
        }

        queue.Enqueue(payload);
    }

    /// <summary>Events received but never consumed, in arrival order per name; carried over by ContinueAsNew.</summary>
    internal IEnumerable<(string Name, string? Payload)> UnconsumedEvents() =>
        this.bufferedEvents.SelectMany(kv => kv.Value.Select(p => (kv.Key, p)));

    private Task<T> Schedule<T>(Func<int, OrchestratorAction> createAction, string taskName)
    {
        var id = this.nextEventId++;
        var open = new OpenTask<T>(taskName);
        this.openTasks[id] = open;
        this.unconfirmed[id] = createAction(id);
        return open.Task;
    }

    private async Task<T> WithRetry<T>(RetryPolicy policy, Func<Task<T>> attempt)
    {
        var firstAttemptAt = this.Now;
        for (var n = 1; ; n++)
        {
            try
            {
                return await attempt();
            }
            catch (TaskFailedException failed) when (n < policy.MaxNumberOfAttempts
                && (policy.RetryTimeout == Timeout.InfiniteTimeSpan || this.Now - firstAttemptAt < policy.RetryTimeout)
                && policy.HandleFailure(failed.FailureDetails))
            {
                await this.CreateTimer(this.Now + policy.DelayAfter(n), CancellationToken.None);
            }
        }
    }

    private interface IOpenTask
    {
        void SetResult(string? payload);

        void SetFailure(int taskId, TaskFailureDetails failure);
    }

    private sealed class OpenTask<T>(string name) : TaskCompletionSource<T>, IOpenTask
    {
        public void SetResult(string? payload)
        {
            try
            {
                this.TrySetResult((T)DurableJson.Deserialize(payload, typeof(T))!);
            }
            catch (Exception e)
            {
                this.TrySetException(e);
            }
        }

        public void SetFailure(int taskId, TaskFailureDetails failure) => this.TrySetException(new TaskFailedException(name, taskId, failure));
    }

    private interface IEventWaiter
    {
        void Deliver(string? payload);
    }

    private sealed class EventWaiter<T> : TaskCompletionSource<T>, IEventWaiter
    {
        public void Deliver(string? payload)
        {
            try
            {
                this.TrySetResult((T)DurableJson.Deserialize(payload, typeof(T))!);
            }
            catch (Exception e)
            {
                this.TrySetException(e);
            }
        }
    }

    private sealed class ReplaySafeLogger(ReplayOrchestrationContext context, ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => !context.IsReplaying && inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!context.IsReplaying)
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
            }
        }
    }
}
