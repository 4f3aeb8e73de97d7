using Durable.Backend.Storage;
using P = Microsoft.DurableTask.Protobuf;

namespace Durable.Backend.Dispatch;

/// <summary>Activity work items: out to the worker, and the result back to the orchestration exactly once.</summary>
internal sealed partial class WorkItemDispatcher
{
    private async Task<int> SendActivitiesAsync(WorkerConnection connection, int max, CancellationToken stop)
    {
        var items = await store.LockActivitiesAsync(this.Owner, max, this.options.LeaseDuration, stop);
        var toSend = new List<P.WorkItem>(items.Count);
        foreach (var item in items)
        {
            if (item.DequeueCount > this.options.MaxDequeueCount)
            {
                await this.SetAsideAsync(item, stop);
                continue;
            }

            // IMPORTANT: recorded before anything is written (see SendOrchestrationsAsync).
            connection.Took(orchestration: false);
            this.inFlight[item.LeaseToken] = new InFlightActivity(connection, item);
            toSend.Add(new P.WorkItem { ActivityRequest = ActivityRequestFor(item), CompletionToken = item.LeaseToken });
        }

        foreach (var workItem in toSend)
        {
            await connection.WriteAsync(workItem, stop);
        }

        return items.Count;
    }

    /// <summary>A task handed out too often without a result fails its activity call, with the reason kept, instead of looping.</summary>
    private async Task SetAsideAsync(ActivityWorkItem item, CancellationToken stop)
    {
        var attempts = item.DequeueCount - 1;
        var reason = $"The activity '{item.Name}' was handed to a worker {attempts} times without a result and was set aside."
            + (item.LastError is null ? string.Empty : $" Last error: {item.LastError}");
        var failed = Events.TaskFailed(this.Now, item.TaskId, Events.Failure("DurableBackend.PoisonMessage", reason));
        await store.CompleteActivityAsync(item, failed, new PoisonMessage(item.InstanceId, "activity", item.Name, attempts, reason, this.Now), stop);
        logger.SetAside(item.InstanceId, reason);
    }

    public async Task CompleteActivityAsync(P.ActivityResponse response, CancellationToken cancellationToken)
    {
        if (this.Outstanding<InFlightActivity>(response.CompletionToken, remove: false, "activity") is not { } activity)
        {
            return; // A retry of a result already stored.
        }

        Task<bool> outcome;
        lock (activity)
        {
            outcome = activity.Outcome ??= this.FinishAsync(activity, async () =>
            {
                var item = activity.Item;
                var result = response.FailureDetails is { } failure
                    ? Events.TaskFailed(this.Now, item.TaskId, failure)
                    : Events.TaskCompleted(this.Now, item.TaskId, response.Result);
                return (activity.Session is { } session && await this.HandOverAsync(session, item, result))
                    || await store.CompleteActivityAsync(item, result, null, CancellationToken.None);
            });
        }

        if (!await OutcomeAsync(activity, outcome))
        {
            throw NotFound($"The lease on task {response.TaskId} of instance '{response.InstanceId}' was lost before its result was stored; it runs again.");
        }
    }

    public async Task AbandonActivityAsync(string token, CancellationToken cancellationToken)
    {
        if (this.Outstanding<InFlightActivity>(token, remove: true, "activity") is { } activity)
        {
            var item = activity.Item;
            await this.AbandonAsync(
                activity, item.InstanceId, "activity", item.DequeueCount,
                retryAfter => store.AbandonActivityAsync(item, "The worker abandoned the work item.", retryAfter, cancellationToken));
        }
    }
}
