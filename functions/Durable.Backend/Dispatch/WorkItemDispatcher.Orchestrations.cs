using Durable.Backend.Storage;
using Grpc.Core;
using P = Microsoft.DurableTask.Protobuf;

namespace Durable.Backend.Dispatch;

/// <summary>Orchestration work items: out to the worker, and its completion back into one commit.</summary>
internal sealed partial class WorkItemDispatcher
{
    private async Task<int> SendOrchestrationsAsync(WorkerConnection connection, int max, CancellationToken stop)
    {
        var items = await store.LockOrchestrationsAsync(this.Owner, max, this.options.LeaseDuration, stop);
        var toSend = new List<P.WorkItem>(items.Count);
        foreach (var item in items)
        {
            var plan = StepPlan.For(item, this.Now, this.options.MaxDequeueCount);
            if (plan.CommitNow is { } checkpoint)
            {
                // Nothing for orchestrator code to do (terminated, set aside, leftovers): stored here and now.
                await store.CommitOrchestrationAsync(item, checkpoint, stop);
                if (checkpoint.SetAside.Count > 0)
                {
                    Log.SetAside(logger, item.Instance.InstanceId, checkpoint.SetAside[0].Reason);
                }

                continue;
            }

            // IMPORTANT: recorded as out with this worker before anything is written, so that if the stream
            // breaks part-way through the batch, every leased item is handed back, not only those written.
            connection.Took(orchestration: true);
            this.inFlight[item.LeaseToken] = new InFlightOrchestration(connection, item, plan);
            var request = new P.OrchestratorRequest { InstanceId = item.Instance.InstanceId, ExecutionId = item.Instance.ExecutionId };
            request.NewEvents.Add(plan.NewEvents);
            if (connection.StreamsHistory && SizeOf(item.History) > InlineHistoryLimit)
            {
                request.RequiresHistoryStreaming = true;
            }
            else
            {
                request.PastEvents.Add(item.History);
            }

            toSend.Add(new P.WorkItem { OrchestratorRequest = request, CompletionToken = item.LeaseToken });
        }

        foreach (var workItem in toSend)
        {
            await connection.WriteAsync(workItem, stop);
        }

        return items.Count;
    }

    /// <summary>
    /// Applies a worker's step. The SDK retries this call, so a token already completed answers OK again
    /// without applying twice; a token that is unknown or whose lease was handed on gets NotFound.
    /// </summary>
    public async Task CompleteOrchestrationAsync(P.OrchestratorResponse response, CancellationToken cancellationToken)
    {
        var token = response.CompletionToken;
        if (!this.inFlight.TryGetValue(token, out var work) || work is not InFlightOrchestration orchestration)
        {
            if (this.completed.Contains(token))
            {
                return; // A retry of a step already stored.
            }

            throw NotFound($"No orchestration work item with this completion token is out (instance '{response.InstanceId}'): its lease expired or was handed on.");
        }

#pragma warning disable CS0612 // isPartial/chunkIndex are deprecated in the protocol but still sent by the SDK for completions over 4 MB.
        if (response.IsPartial)
        {
            orchestration.AddChunk(response.ChunkIndex ?? 0, response.Actions);
            return;
        }
#pragma warning restore CS0612

        bool committed;
        lock (orchestration)
        {
            orchestration.Outcome ??= this.CommitStepAsync(orchestration, response);
        }

        committed = await orchestration.Outcome;
        if (!committed)
        {
            throw NotFound($"The lease on instance '{response.InstanceId}' was lost before its step was stored; another worker runs it.");
        }
    }

    private async Task<bool> CommitStepAsync(InFlightOrchestration orchestration, P.OrchestratorResponse response)
    {
        var item = orchestration.Item;
        try
        {
            var actions = orchestration.AllActions(response.Actions);
            var checkpoint = ActionApplier.Apply(item, orchestration.Plan, actions, response.CustomStatus, this.Now);
            var committed = await store.CommitOrchestrationAsync(item, checkpoint, CancellationToken.None);
            if (committed)
            {
                this.completed.Add(item.LeaseToken, this.Now);
            }

            return committed;
        }
        finally
        {
            this.inFlight.TryRemove(item.LeaseToken, out _);
            orchestration.Connection.Released(orchestration: true);
        }
    }

    public async Task AbandonOrchestrationAsync(string token, CancellationToken cancellationToken)
    {
        if (!this.inFlight.TryRemove(token, out var work) || work is not InFlightOrchestration orchestration)
        {
            if (this.completed.Contains(token))
            {
                return;
            }

            throw NotFound("No orchestration work item with this completion token is out: its lease expired or was handed on.");
        }

        orchestration.Connection.Released(orchestration: true);
        var attempts = orchestration.Item.Messages.Count == 0 ? 1 : orchestration.Item.Messages.Max(m => m.DequeueCount);
        await store.AbandonOrchestrationAsync(orchestration.Item, "The worker abandoned the work item.", RetryAfter(attempts), cancellationToken);
        this.completed.Add(token, this.Now);
        Log.Abandoned(logger, orchestration.Item.Instance.InstanceId, "orchestration", attempts);
    }

    /// <summary>The history of a leased instance too large to send inline, in chunks the worker asks for.</summary>
    public async Task StreamHistoryAsync(P.StreamInstanceHistoryRequest request, IServerStreamWriter<P.HistoryChunk> stream, CancellationToken cancellationToken)
    {
        const int ChunkBytes = 256 * 1024;
        var history = this.inFlight.Values.OfType<InFlightOrchestration>().FirstOrDefault(o => o.Item.Instance.InstanceId == request.InstanceId)?.Item.History
            ?? await store.GetHistoryAsync(request.InstanceId, cancellationToken);
        var chunk = new P.HistoryChunk();
        var size = 0;
        foreach (var e in history)
        {
            var eventSize = e.CalculateSize();
            if (size > 0 && size + eventSize > ChunkBytes)
            {
                await stream.WriteAsync(chunk, cancellationToken);
                chunk = new P.HistoryChunk();
                size = 0;
            }

            chunk.Events.Add(e);
            size += eventSize;
        }

        await stream.WriteAsync(chunk, cancellationToken);
    }

    private static RpcException NotFound(string detail) => new(new Status(StatusCode.NotFound, detail));
}
