using System.Collections.Concurrent;
using Durable.Runtime;
using Durable.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Durable.Worker;

/// <summary>Leases activity tasks, runs them (each in its own DI scope) and stores their results.</summary>
internal sealed class ActivityDispatcher(
    IOrchestrationStore store, DurableTaskRegistry registry, IServiceProvider services, DurableTaskOptions options, TimeProvider clock, ILogger logger)
    : WorkLoop<ActivityWorkItem>(store, options, clock, logger)
{
    // Keyed by lease, not task: after a lost lease this worker may run the same task again while the first run
    // finishes, and the first run's removal must not stop the renewal of the second's lease.
    private readonly ConcurrentDictionary<(long Task, string Lease), ActivityWorkItem> running = new();

    protected override string Kind => "activity";

    protected override int MaxConcurrency => this.Options.MaxConcurrentActivities;

    protected override AsyncSignal Signal => this.Store.Signals.Activities;

    /// <summary>Keeps the leases of long-running activities alive until they finish.</summary>
    public async Task RenewLeasesAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(this.Options.LeaseDuration / 3, this.Clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                var items = this.running.Values.ToList();
                if (items.Count > 0)
                {
                    await this.Store.RenewActivityLeasesAsync(items, this.Options.LeaseDuration, stopping);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    protected override Task<IReadOnlyList<ActivityWorkItem>> FetchAsync(int max, CancellationToken cancellationToken) =>
        this.Store.LockActivitiesAsync(this.Options.WorkerId, max, this.Options.LeaseDuration, cancellationToken);

    protected override async Task ProcessAsync(ActivityWorkItem item, CancellationToken stopping)
    {
        using var scope = this.Logger.BeginScope(new Dictionary<string, object> { ["InstanceId"] = item.InstanceId });
        if (item.DequeueCount > this.Options.MaxDequeueCount)
        {
            await this.SetAsideAsync(item);
            return;
        }

        this.running[(item.SequenceNumber, item.LockToken)] = item;
        HistoryEvent result;
        try
        {
            result = await this.RunAsync(item, stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutting down: hand the task back so it runs again soon, here or elsewhere.
            this.running.TryRemove((item.SequenceNumber, item.LockToken), out _);
            await this.TryAbandonAsync(item, "The worker shut down while the activity ran.");
            return;
        }
        finally
        {
            this.running.TryRemove((item.SequenceNumber, item.LockToken), out _);
        }

        try
        {
            if (!await this.Store.CompleteActivityAsync(item, result, null, CancellationToken.None))
            {
                Log.ActivityLeaseLost(this.Logger, item.Name, item.TaskId, item.InstanceId);
            }
        }
        catch (Exception e)
        {
            Log.ActivityCommitError(this.Logger, item.Name, item.TaskId, item.InstanceId, e);
            await this.TryAbandonAsync(item, $"Its result could not be stored: {e.Message}");
        }
    }

    private async Task<HistoryEvent> RunAsync(ActivityWorkItem item, CancellationToken stopping)
    {
        var now = this.Clock.GetUtcNow().UtcDateTime;
        await using var scope = services.CreateAsyncScope();
        try
        {
            if (!registry.TryCreateActivity(item.Name, scope.ServiceProvider, out var activity))
            {
                throw new InvalidOperationException($"No activity named '{item.Name}' is registered in this worker. Register it with AddActivity.");
            }

            var input = DurableJson.Deserialize(item.Input, activity!.InputType);
            var context = new TaskActivityContext(item.Name, item.InstanceId, item.TaskId, item.DequeueCount, stopping);
            var output = await activity.RunAsync(context, input);
            return new HistoryEvent(EventType.TaskCompleted, this.Clock.GetUtcNow().UtcDateTime)
            {
                TaskScheduledId = item.TaskId,
                Payload = DurableJson.Serialize(output),
            };
        }
        catch (Exception e) when (!(e is OperationCanceledException && stopping.IsCancellationRequested))
        {
            Log.ActivityFailed(this.Logger, item.Name, item.TaskId, item.InstanceId, e.Message);
            return new HistoryEvent(EventType.TaskFailed, now) { TaskScheduledId = item.TaskId, Failure = TaskFailureDetails.FromException(e) };
        }
    }

    private async Task SetAsideAsync(ActivityWorkItem item)
    {
        var attempts = item.DequeueCount - 1;
        var reason = $"Set aside after {attempts} attempts: {item.LastError ?? "the worker stopped while running it"}";
        Log.ActivitySetAside(this.Logger, item.Name, item.TaskId, item.InstanceId, attempts, reason);
        var now = this.Clock.GetUtcNow().UtcDateTime;
        var failed = new HistoryEvent(EventType.TaskFailed, now)
        {
            TaskScheduledId = item.TaskId,
            Failure = new TaskFailureDetails("Durable.PoisonMessage", reason),
        };
        try
        {
            await this.Store.CompleteActivityAsync(item, failed, new PoisonMessage(item.InstanceId, "activity", item.Name, attempts, reason, now), CancellationToken.None);
        }
        catch (Exception e)
        {
            Log.ActivityCommitError(this.Logger, item.Name, item.TaskId, item.InstanceId, e);
        }
    }

    private async Task TryAbandonAsync(ActivityWorkItem item, string reason)
    {
        try
        {
            await this.Store.AbandonActivityAsync(item, reason, TimeSpan.FromSeconds(1), CancellationToken.None);
        }
        catch (Exception e)
        {
            // The lease expires by itself; the task runs again then.
            Log.ActivityCommitError(this.Logger, item.Name, item.TaskId, item.InstanceId, e);
        }
    }
}
