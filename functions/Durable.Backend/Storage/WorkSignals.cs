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

    private readonly InstanceWatchers changes = new();
    private readonly InstanceWatchers finishes = new();

    /// <summary>
    /// Completes when <paramref name="instanceId"/> next changes status in this process, or with
    /// <paramref name="onlyWhenFinished"/> when it next finishes (Completed, Failed, Terminated): a wait for completion
    /// is not woken, and does not read the instance again, when it merely starts running. Take it before reading the
    /// instance, so a change between the read and the wait is not missed.
    /// </summary>
    public Task InstanceChanged(string instanceId, bool onlyWhenFinished = false) =>
        (onlyWhenFinished ? this.finishes : this.changes).Watch(instanceId);

    /// <summary>
    /// A waiter that gives up removes its watcher, so instances that never change again leave nothing behind.
    /// Another waiter on the same instance is woken to look again and take a fresh watcher.
    /// </summary>
    public void ForgetInstanceWatcher(string instanceId, Task watcher)
    {
        this.changes.Forget(instanceId, watcher);
        this.finishes.Forget(instanceId, watcher);
    }

    /// <summary>How many instances someone waits for (watchers kept), for tests of the cleanup above.</summary>
    internal int WatcherCount => this.changes.Count + this.finishes.Count;

    /// <summary>
    /// Wakes whoever waits for this instance (and only them: no thundering herd of waiters). With
    /// <paramref name="finished"/> false (the instance is still active) the waits for completion sleep on; a caller that
    /// does not know says true, which wakes everyone to look.
    /// </summary>
    public void NotifyInstanceChanged(string instanceId, bool finished = true)
    {
        this.changes.Wake(instanceId);
        if (finished)
        {
            this.finishes.Wake(instanceId);
        }
    }

    /// <summary>Raises in this process whom a commit wakes.</summary>
    public void Raise(WakeUps wakeUps)
    {
        if (wakeUps.OrchestrationWork)
        {
            this.Orchestrations.Set();
        }

        if (wakeUps.ActivityWork)
        {
            this.Activities.Set();
        }

        if (wakeUps.ChangedInstance is { } instanceId)
        {
            this.NotifyInstanceChanged(instanceId, wakeUps.InstanceFinished);
        }
    }

    /// <summary>Wakes every waiter, each to look at its instance again (changes may have been missed, e.g. while a listener reconnected).</summary>
    public void NotifyAllInstancesChanged()
    {
        this.changes.WakeAll();
        this.finishes.WakeAll();
    }

    /// <summary>One watcher per instance id, completed and removed by the first wake-up.</summary>
    private sealed class InstanceWatchers
    {
        private readonly ConcurrentDictionary<string, TaskCompletionSource> watchers = new(StringComparer.Ordinal);

        public int Count => this.watchers.Count;

        public Task Watch(string instanceId) =>
            this.watchers.GetOrAdd(instanceId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

        public void Forget(string instanceId, Task watcher)
        {
            if (this.watchers.TryGetValue(instanceId, out var current) && current.Task == watcher
                && this.watchers.TryRemove(KeyValuePair.Create(instanceId, current)))
            {
                current.TrySetResult();
            }
        }

        public void Wake(string instanceId)
        {
            if (this.watchers.TryRemove(instanceId, out var watcher))
            {
                watcher.TrySetResult();
            }
        }

        public void WakeAll()
        {
            foreach (var instanceId in this.watchers.Keys)
            {
                this.Wake(instanceId);
            }
        }
    }
}
