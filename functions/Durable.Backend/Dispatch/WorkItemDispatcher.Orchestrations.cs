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
                    logger.SetAside(item.Instance.InstanceId, checkpoint.SetAside[0].Reason);
                }

                continue;
            }

            // IMPORTANT: recorded as out with this worker before anything is written, so that if the stream
            // breaks part-way through the batch, every leased item is handed back, not only those written.
            connection.Took(orchestration: true);
            this.inFlight[item.LeaseToken] = new InFlightOrchestration(connection, item, plan);
            toSend.Add(this.WorkItemFor(connection, item, plan, item.LeaseToken));
        }

        foreach (var workItem in toSend)
        {
            await connection.WriteAsync(workItem, stop);
        }

        return items.Count;
    }

    /// <summary>The step as the worker gets it: the new events, and the history inline or, when large, streamed on request.</summary>
    private P.WorkItem WorkItemFor(WorkerConnection connection, OrchestrationWorkItem item, StepPlan plan, string completionToken)
    {
        var request = new P.OrchestratorRequest { InstanceId = item.Instance.InstanceId, ExecutionId = item.Instance.ExecutionId };
        request.NewEvents.Add(plan.NewEvents);
        request.OrchestrationTraceContext = Telemetry.OrchestrationSpan.For(item.Instance.InstanceId, item.Instance.ExecutionId, item.History.Concat(plan.NewEvents));
        if (connection.StreamsHistory && SizeOf(item.History) > InlineHistoryLimit)
        {
            request.RequiresHistoryStreaming = true;
        }
        else
        {
            request.PastEvents.Add(item.History);
        }

        return new P.WorkItem { OrchestratorRequest = request, CompletionToken = completionToken };
    }

    /// <summary>
    /// Applies a worker's step. The SDK retries this call, so a token already completed answers OK again
    /// without applying twice; a token that is unknown or whose lease was handed on gets NotFound.
    /// </summary>
    public async Task CompleteOrchestrationAsync(P.OrchestratorResponse response, CancellationToken cancellationToken)
    {
        if (this.Outstanding<InFlightOrchestration>(response.CompletionToken, remove: false, "orchestration") is not { } orchestration)
        {
            return; // A retry of a step already stored.
        }

#pragma warning disable CS0612 // isPartial/chunkIndex are deprecated in the protocol but still sent by the SDK for completions over 4 MB.
        if (response.IsPartial)
        {
            orchestration.AddChunk(response.ChunkIndex ?? 0, response.Actions);
            return;
        }
#pragma warning restore CS0612

        Task<bool> outcome;
        lock (orchestration)
        {
            outcome = orchestration.Outcome ??= this.FinishAsync(orchestration, () =>
            {
                var actions = orchestration.AllActions(response.Actions);
                var checkpoint = ActionApplier.Apply(orchestration.Item, orchestration.Plan, actions, response.CustomStatus, this.Now);
                return this.StoreStepAsync(orchestration, checkpoint);
            });
        }

        if (!await OutcomeAsync(orchestration, outcome))
        {
            throw NotFound($"The lease on instance '{response.InstanceId}' was lost before its step was stored; another worker runs it.");
        }
    }

    public async Task AbandonOrchestrationAsync(string token, CancellationToken cancellationToken)
    {
        if (this.Outstanding<InFlightOrchestration>(token, remove: true, "orchestration") is { } orchestration)
        {
            var item = orchestration.Item;
            var attempts = item.Messages.Count == 0 ? 1 : item.Messages.Max(m => m.DequeueCount);
            await this.AbandonAsync(
                orchestration, item.Instance.InstanceId, "orchestration", attempts,
                retryAfter => store.AbandonOrchestrationAsync(item, "The worker abandoned the work item.", retryAfter, cancellationToken));
            await this.EndSessionAsync(orchestration.Session, stepStored: false, releaseLease: false); // Its results become messages, for the retry.
        }
    }

    /// <summary>The history of a leased instance too large to send inline, in chunks the worker asks for.</summary>
    public async Task StreamHistoryAsync(P.StreamInstanceHistoryRequest request, IServerStreamWriter<P.HistoryChunk> stream, CancellationToken cancellationToken)
    {
        const int ChunkBytes = 256 * 1024;
        var history = this.StepAwaitingWorker(request.InstanceId)?.Item.History
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

    /// <summary>
    /// The instance's step the worker is running, not merely one out for it. IMPORTANT: a step in a session stays out while it
    /// writes its activities to the worker, and a quick result may meanwhile have sent the next step; streaming the
    /// earlier step's history to it (the first step's is empty) would fail the orchestration as "history incomplete".
    /// </summary>
    private InFlightOrchestration? StepAwaitingWorker(string instanceId) =>
        this.inFlight.Values.OfType<InFlightOrchestration>()
            .Where(o => o.Item.Instance.InstanceId == instanceId)
            .OrderBy(o => o.Outcome is null ? 0 : 1)
            .FirstOrDefault();
}
