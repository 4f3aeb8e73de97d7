using Durable.Storage;
using Microsoft.Extensions.Logging;

namespace Durable.Worker;

/// <summary>
/// The shared shape of both dispatchers: lease a batch of work when a slot is free, run each item on the
/// thread pool, and sleep only until new work is signalled, a timer is due, or the polling interval ends.
/// </summary>
internal abstract class WorkLoop<TItem>(IOrchestrationStore store, DurableTaskOptions options, TimeProvider clock, ILogger logger)
{
    private const int MaxBatch = 64;

    protected IOrchestrationStore Store { get; } = store;

    protected DurableTaskOptions Options { get; } = options;

    protected TimeProvider Clock { get; } = clock;

    protected ILogger Logger { get; } = logger;

    protected abstract string Kind { get; }

    protected abstract int MaxConcurrency { get; }

    protected abstract AsyncSignal Signal { get; }

    public async Task RunAsync(CancellationToken stopping)
    {
        using var slots = new SemaphoreSlim(this.MaxConcurrency, this.MaxConcurrency);
        var running = new HashSet<Task>();
        while (!stopping.IsCancellationRequested)
        {
            // Taken before fetching, so a signal raised during the fetch is not lost.
            var signalled = this.Signal.WaitTask;
            try
            {
                await slots.WaitAsync(stopping);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            // Only this loop takes slots, so the free ones stay free while we take them.
            var wanted = 1;
            while (wanted < MaxBatch && slots.Wait(0))
            {
                wanted++;
            }

            IReadOnlyList<TItem> items;
            try
            {
                items = await this.FetchAsync(wanted, stopping);
            }
            catch (Exception e) when (!stopping.IsCancellationRequested)
            {
                slots.Release(wanted);
                Log.FetchError(this.Logger, this.Kind, e);
                await Delay(TimeSpan.FromSeconds(1), stopping);
                continue;
            }
            catch (OperationCanceledException)
            {
                slots.Release(wanted);
                break;
            }

            if (items.Count < wanted)
            {
                slots.Release(wanted - items.Count);
            }

            foreach (var item in items)
            {
                var task = Task.Run(() => this.ProcessAsync(item, stopping), CancellationToken.None);
                lock (running)
                {
                    running.Add(task);
                }

                _ = task.ContinueWith(
                    t =>
                    {
                        lock (running)
                        {
                            running.Remove(t);
                        }

                        slots.Release();
                    },
                    CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }

            if (items.Count == 0)
            {
                await this.WaitForWorkAsync(signalled, stopping);
            }
        }

        Task[] remaining;
        lock (running)
        {
            remaining = [.. running];
        }

        await Task.WhenAll(remaining);
    }

    protected abstract Task<IReadOnlyList<TItem>> FetchAsync(int max, CancellationToken cancellationToken);

    protected abstract Task ProcessAsync(TItem item, CancellationToken stopping);

    private async Task WaitForWorkAsync(Task signalled, CancellationToken stopping)
    {
        var wait = this.Options.PollingInterval;
        try
        {
            if (await this.Store.GetNextWakeUpAsync(stopping) is { } next)
            {
                var untilNext = next - this.Clock.GetUtcNow().UtcDateTime;
                wait = untilNext < wait ? untilNext : wait;
            }
        }
        catch (Exception e) when (!stopping.IsCancellationRequested)
        {
            Log.FetchError(this.Logger, this.Kind, e);
        }
        catch (OperationCanceledException)
        {
            // IMPORTANT: stopping must not escape the loop, which then waits for the work it runs to be handed back.
            return;
        }

        if (wait <= TimeSpan.Zero)
        {
            return;
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        await Task.WhenAny(signalled, Task.Delay(wait, this.Clock, cts.Token));
        cts.Cancel();
    }

    private async Task Delay(TimeSpan delay, CancellationToken stopping)
    {
        try
        {
            await Task.Delay(delay, this.Clock, stopping);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
