using System.Collections.Concurrent;

namespace Durable.Backend.Storage;

/// <summary>
/// A level-triggered wake-up: take <see cref="WaitTask"/> before looking for work, and a
/// <see cref="Set"/> that happens while you look is not lost.
/// </summary>
internal sealed class AsyncSignal
{
    private TaskCompletionSource tcs = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task WaitTask => Volatile.Read(ref this.tcs).Task;

    public void Set()
    {
        var fresh = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Exchange(ref this.tcs, fresh).TrySetResult();
    }
}

/// <summary>In-process wake-ups so new work is picked up at once rather than at the next poll.</summary>
internal sealed class WorkSignals
{
    /// <summary>An orchestration has a new message (event, activity result, timer scheduled).</summary>
    public AsyncSignal Orchestrations { get; } = new();

    /// <summary>A new activity task was queued.</summary>
    public AsyncSignal Activities { get; } = new();

    private readonly ConcurrentDictionary<string, TaskCompletionSource> instanceWatchers = new(StringComparer.Ordinal);

    /// <summary>
    /// Completes when <paramref name="instanceId"/> next changes status in this process. Take it before
    /// reading the instance, so a change between the read and the wait is not missed.
    /// </summary>
    public Task InstanceChanged(string instanceId) =>
        this.instanceWatchers.GetOrAdd(instanceId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>
    /// A waiter that gives up removes its watcher, so instances that never change again leave nothing behind.
    /// Another waiter on the same instance is woken to look again and take a fresh watcher.
    /// </summary>
    public void ForgetInstanceWatcher(string instanceId, Task watcher)
    {
        if (this.instanceWatchers.TryGetValue(instanceId, out var current) && current.Task == watcher
            && this.instanceWatchers.TryRemove(KeyValuePair.Create(instanceId, current)))
        {
            current.TrySetResult();
        }
    }

    /// <summary>How many instances someone waits for (watchers kept), for tests of the cleanup above.</summary>
    internal int WatcherCount => this.instanceWatchers.Count;

    /// <summary>Wakes whoever waits for this instance (and only them: no thundering herd of waiters).</summary>
    public void NotifyInstanceChanged(string instanceId)
    {
        if (this.instanceWatchers.TryRemove(instanceId, out var watcher))
        {
            watcher.TrySetResult();
        }
    }

    /// <summary>Wakes every waiter, each to look at its instance again (changes may have been missed, e.g. while a listener reconnected).</summary>
    public void NotifyAllInstancesChanged()
    {
        foreach (var instanceId in this.instanceWatchers.Keys)
        {
            this.NotifyInstanceChanged(instanceId);
        }
    }
}
