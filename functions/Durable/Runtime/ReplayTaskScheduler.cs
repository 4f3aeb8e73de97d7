namespace Durable.Runtime;

/// <summary>
/// Runs orchestrator code one continuation at a time on the executor's own thread, in the order the
/// continuations became ready. Orchestrator code only ever runs inside <see cref="Drain"/>, which is
/// what makes replay deterministic: nothing runs concurrently and nothing runs "later".
/// </summary>
internal sealed class ReplayTaskScheduler : TaskScheduler
{
    private readonly Queue<Task> ready = new();

    public override int MaximumConcurrencyLevel => 1;

    /// <summary>Starts <paramref name="body"/> on this scheduler; it runs at the next <see cref="Drain"/>.</summary>
    public Task<T> Start<T>(Func<Task<T>> body) =>
        Task.Factory.StartNew(body, CancellationToken.None, TaskCreationOptions.None, this).Unwrap();

    /// <summary>Runs every continuation that is ready, including those they make ready.</summary>
    public void Drain()
    {
        while (true)
        {
            Task? next;
            lock (this.ready)
            {
                if (!this.ready.TryDequeue(out next))
                {
                    return;
                }
            }

            this.TryExecuteTask(next);
        }
    }

    protected override void QueueTask(Task task)
    {
        lock (this.ready)
        {
            this.ready.Enqueue(task);
        }
    }

    // Never inline: every continuation goes through the queue, so the order is the order of readiness.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;

    protected override IEnumerable<Task> GetScheduledTasks()
    {
        lock (this.ready)
        {
            return this.ready.ToArray();
        }
    }
}
