namespace Durable.Storage;

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

    /// <summary>Some instance changed state (used by clients waiting for completion).</summary>
    public AsyncSignal InstanceChanged { get; } = new();
}
