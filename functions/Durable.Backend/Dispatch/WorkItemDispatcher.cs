using System.Collections.Concurrent;
using Durable.Backend.Hosting;
using Durable.Backend.Storage;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using P = Microsoft.DurableTask.Protobuf;

namespace Durable.Backend.Dispatch;

/// <summary>
/// Feeds workers: leases work from the store and writes it to each worker's stream, keeps the leases of
/// what is out renewed, and turns the worker's completions into commits. Wakes on in-process signals,
/// on the next due time, and on a slow poll only for work another process wrote to the store.
/// </summary>
internal sealed partial class WorkItemDispatcher(IBackendStore store, IOptions<DurableBackendOptions> options, TimeProvider clock, ILogger<WorkItemDispatcher> logger)
{
    /// <summary>Histories larger than this are not sent inline; the worker streams them (StreamInstanceHistory).</summary>
    internal const int InlineHistoryLimit = 1024 * 1024;

    private readonly DurableBackendOptions options = options.Value;
    private readonly ConcurrentDictionary<string, InFlightWork> inFlight = new(StringComparer.Ordinal);
    private readonly RecentTokens completed = new();

    /// <summary>This process's name in lease tokens.</summary>
    internal string Owner { get; } = "backend-" + Guid.NewGuid().ToString("N")[..12];

    internal int InFlightCount => this.inFlight.Count;

    /// <summary>Serves one GetWorkItems stream until the worker goes away; its leased work is handed back at once.</summary>
    public async Task ServeAsync(P.GetWorkItemsRequest request, IServerStreamWriter<P.WorkItem> stream, ServerCallContext context)
    {
        var connection = new WorkerConnection(request, this.options, stream, context.Peer);
        var stop = context.CancellationToken;
        logger.WorkerConnected(connection.Peer, connection.MaxOrchestrations, connection.MaxActivities);
        var pings = this.PingAsync(connection, stop);
        try
        {
            await this.FeedAsync(connection, stop);
        }
        catch (Exception e) when (stop.IsCancellationRequested || e is IOException or InvalidOperationException)
        {
            // The worker went away; what it held is handed back below.
        }
        finally
        {
            connection.Close(); // IMPORTANT: first, so work registered from here on sees it and hands itself back.
            var gone = this.inFlight.Values.Where(w => w.Connection == connection).ToList();
            foreach (var work in gone)
            {
                this.inFlight.TryRemove(KeyValuePair.Create(work.CompletionToken, work));
                (work as InFlightSession)?.Session.End(); // Its results in memory go with the worker: the tasks' leases are handed back, and they run again.
            }

            var held = gone.SelectMany(w => w.Leases).Distinct().ToList();

            var released = held.Count == 0 ? 0 : await store.ReleaseLeasesAsync(held, CancellationToken.None);
            logger.WorkerDisconnected(connection.Peer, released);
            await pings.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task FeedAsync(WorkerConnection connection, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            // IMPORTANT: take the wake-ups before looking, so work added while we look is not missed.
            var orchestrationWork = store.Signals.Orchestrations.WaitTask;
            var activityWork = store.Signals.Activities.WaitTask;
            var slotFreed = connection.SlotFreed.WaitTask;

            var wait = this.options.PollingInterval;
            try
            {
                var wantOrchestrations = connection.FreeOrchestrationSlots;
                var gotOrchestrations = wantOrchestrations > 0 ? await this.SendOrchestrationsAsync(connection, wantOrchestrations, stop) : 0;
                var wantActivities = connection.FreeActivitySlots;
                var gotActivities = wantActivities > 0 ? await this.SendActivitiesAsync(connection, wantActivities, stop) : 0;
                if ((wantOrchestrations > 0 && gotOrchestrations == wantOrchestrations) || (wantActivities > 0 && gotActivities == wantActivities))
                {
                    continue; // There may be more right now.
                }

                if (await store.GetNextWakeUpAsync(stop) is { } next)
                {
                    var untilNext = next - clock.GetUtcNow().UtcDateTime;
                    wait = untilNext < wait ? (untilNext < TimeSpan.Zero ? TimeSpan.Zero : untilNext) : wait;
                }
            }
            catch (Exception e) when (Hosting.BackendOutage.IsStoreFailure(e))
            {
                // The store failed for a moment (busy, I/O): the stream stays up and the loop looks again after the poll.
                logger.StoreFailed(e.Message);
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
            var delay = Task.Delay(wait, clock, timeout.Token);
            var wakers = new List<Task>(4) { delay, slotFreed };
            if (connection.FreeOrchestrationSlots > 0)
            {
                wakers.Add(orchestrationWork);
            }

            if (connection.FreeActivitySlots > 0)
            {
                wakers.Add(activityWork);
            }

            await Task.WhenAny(wakers);
            await timeout.CancelAsync();
        }
    }

    private async Task PingAsync(WorkerConnection connection, CancellationToken stop)
    {
        // The SDK treats 120 s without a message as a dead connection; a ping well inside that keeps it alive.
        using var timer = new PeriodicTimer(this.options.HealthPingInterval, clock);
        while (await timer.WaitForNextTickAsync(stop))
        {
            await connection.WriteAsync(new P.WorkItem { HealthPing = new P.HealthPing() }, stop);
        }
    }

    /// <summary>
    /// Extends the leases of everything out with workers; called on a timer well inside the lease time. An item whose
    /// outcome the store failed to take, and which the worker has not retried within a lease time, is let go: its
    /// lease runs out and the work is leased again.
    /// </summary>
    public async Task RenewLeasesAsync(CancellationToken cancellationToken)
    {
        var now = this.Now;
        foreach (var abandoned in this.inFlight.Values.Where(w => w.StoreFailedAt + this.options.LeaseDuration < now).ToList())
        {
            this.Drop(abandoned);
            if (abandoned is InFlightOrchestration { Session: { } session })
            {
                await this.EndSessionAsync(session, stepStored: false, releaseLease: true);
            }
        }

        var leases = this.inFlight.Values.SelectMany(w => w.Leases).Distinct().ToList();
        if (leases.Count > 0)
        {
            await store.RenewLeasesAsync(leases, this.options.LeaseDuration, cancellationToken);
        }

        this.completed.Prune(now);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// The work item a worker names by its completion token, or null when that token was completed a moment
    /// ago (the SDK retrying a call whose answer it did not get). A token still out is always looked up first.
    /// </summary>
    /// <exception cref="RpcException">NotFound: the token is unknown, or its lease expired or was handed on.</exception>
    private TWork? Outstanding<TWork>(string token, bool remove, string what)
        where TWork : InFlightWork
    {
        InFlightWork? work;
        var found = remove ? this.inFlight.TryRemove(token, out work) : this.inFlight.TryGetValue(token, out work);
        if (found && work is TWork typed)
        {
            return typed;
        }

        return this.completed.Contains(token)
            ? null
            : throw NotFound($"No {what} work item with this completion token is out: its lease expired or was handed on.");
    }

    /// <summary>
    /// Stores a worker's outcome once; then the item is no longer out and its slot is free. If the store fails for a
    /// moment, the worker hears Unavailable and retries the call: the item stays out, with its lease, for that retry
    /// (see <see cref="ForgetRetry"/>), instead of answering the retry NotFound and waiting for the lease to run out.
    /// </summary>
    private async Task<bool> FinishAsync(InFlightWork work, Func<Task<bool>> store)
    {
        var keepForRetry = false;
        try
        {
            var stored = await store();
            if (stored)
            {
                this.completed.Add(work.CompletionToken, this.Now);
            }
            else
            {
                Telemetry.BackendMetrics.LeaseLost(work is InFlightOrchestration ? "orchestration" : "activity");
            }

            return stored;
        }
        catch (Exception e) when (Hosting.BackendOutage.IsStoreFailure(e))
        {
            keepForRetry = true;
            work.StoreFailedAt ??= this.Now;
            throw;
        }
        finally
        {
            if (!keepForRetry)
            {
                this.Drop(work);
            }
        }
    }

    /// <summary>The item's outcome; one the store failed to take is forgotten, so the worker's retry stores it.</summary>
    private static async Task<bool> OutcomeAsync(InFlightWork work, Task<bool> outcome)
    {
        try
        {
            return await outcome;
        }
        catch (Exception e) when (Hosting.BackendOutage.IsStoreFailure(e))
        {
            ForgetRetry(work, outcome);
            throw;
        }
    }

    /// <summary>After a store failure, the next Complete call runs the store again rather than awaiting the failed outcome.</summary>
    private static void ForgetRetry(InFlightWork work, Task<bool> failed)
    {
        lock (work)
        {
            if (work.Outcome == failed)
            {
                work.Outcome = null;
            }
        }
    }

    private void Drop(InFlightWork work)
    {
        if (this.inFlight.TryRemove(KeyValuePair.Create(work.CompletionToken, work)))
        {
            ReleaseSlot(work);
        }
    }

    /// <summary>Frees the item's slot, if it has one of its own: a session's steps run in its slot, freed when it ends.</summary>
    private static void ReleaseSlot(InFlightWork work)
    {
        if (work is not (InFlightSession or InFlightOrchestration { Session: not null }))
        {
            work.Connection.Released(work is InFlightOrchestration);
        }
    }

    /// <summary>Hands an item the worker gave up on back to the store, after a growing pause.</summary>
    private async Task AbandonAsync(InFlightWork work, string instanceId, string kind, int attempts, Func<TimeSpan, Task> store)
    {
        ReleaseSlot(work);
        await store(RetryAfter(attempts));
        this.completed.Add(work.CompletionToken, this.Now);
        logger.Abandoned(instanceId, kind, attempts);
    }

    private static RpcException NotFound(string detail) => new(new Status(StatusCode.NotFound, detail));

    /// <summary>A short, growing pause before a failed item is tried again: a backoff, not a hot loop.</summary>
    internal static TimeSpan RetryAfter(int attempts) =>
        TimeSpan.FromMilliseconds(Math.Min(30_000, 100 * Math.Pow(2, Math.Clamp(attempts - 1, 0, 16))));

    internal static int SizeOf(IEnumerable<IMessage> messages) => messages.Sum(m => m.CalculateSize());
}
