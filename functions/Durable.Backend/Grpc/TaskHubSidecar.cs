using Durable.Backend.Dispatch;
using Durable.Backend.Storage;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.Options;
using P = Microsoft.DurableTask.Protobuf;

namespace Durable.Backend.Grpc;

/// <summary>
/// The Durable Task sidecar protocol over our store: what Microsoft's worker and client call. The work-item
/// half is delegated to <see cref="WorkItemDispatcher"/>; instance management is here and in
/// TaskHubSidecar.Queries.cs. Entities are not supported (the base class answers Unimplemented).
/// </summary>
internal sealed partial class TaskHubSidecar(IBackendStore store, WorkItemDispatcher dispatcher, IOptions<Hosting.DurableBackendOptions> options, TimeProvider clock)
    : P.TaskHubSidecarService.TaskHubSidecarServiceBase
{
    private static readonly Empty EmptyMessage = new();

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public override Task<Empty> Hello(Empty request, ServerCallContext context) => Task.FromResult(EmptyMessage);

    public override Task GetWorkItems(P.GetWorkItemsRequest request, IServerStreamWriter<P.WorkItem> responseStream, ServerCallContext context) =>
        dispatcher.ServeAsync(request, responseStream, context);

    public override async Task<P.CompleteTaskResponse> CompleteOrchestratorTask(P.OrchestratorResponse request, ServerCallContext context)
    {
        await dispatcher.CompleteOrchestrationAsync(request, context.CancellationToken);
        return new P.CompleteTaskResponse();
    }

    public override async Task<P.CompleteTaskResponse> CompleteActivityTask(P.ActivityResponse request, ServerCallContext context)
    {
        await dispatcher.CompleteActivityAsync(request, context.CancellationToken);
        return new P.CompleteTaskResponse();
    }

    public override async Task<P.AbandonOrchestrationTaskResponse> AbandonTaskOrchestratorWorkItem(P.AbandonOrchestrationTaskRequest request, ServerCallContext context)
    {
        await dispatcher.AbandonOrchestrationAsync(request.CompletionToken, context.CancellationToken);
        return new P.AbandonOrchestrationTaskResponse();
    }

    public override async Task<P.AbandonActivityTaskResponse> AbandonTaskActivityWorkItem(P.AbandonActivityTaskRequest request, ServerCallContext context)
    {
        await dispatcher.AbandonActivityAsync(request.CompletionToken, context.CancellationToken);
        return new P.AbandonActivityTaskResponse();
    }

    public override Task StreamInstanceHistory(P.StreamInstanceHistoryRequest request, IServerStreamWriter<P.HistoryChunk> responseStream, ServerCallContext context) =>
        dispatcher.StreamHistoryAsync(request, responseStream, context.CancellationToken);

    public override async Task<P.CreateInstanceResponse> StartInstance(P.CreateInstanceRequest request, ServerCallContext context)
    {
        var instanceId = string.IsNullOrEmpty(request.InstanceId) ? Guid.NewGuid().ToString("N") : request.InstanceId;
        var now = this.Now;
        var scheduled = request.ScheduledStartTimestamp?.ToDateTime();
        var instance = new NewInstance(
            instanceId, request.ExecutionId ?? ActionApplier.NewExecutionId(), request.Name, request.Version, request.Input, now,
            scheduled > now ? scheduled : null, null, request.Tags, request.ParentTraceContext);
        var replaceable = request.OrchestrationIdReusePolicy is { } policy
            ? policy.ReplaceableStatus.Select(InstanceStatusMapping.FromProto).OfType<InstanceStatus>().ToList()
            : null;
        var result = await store.CreateInstanceAsync(instance, replaceable, context.CancellationToken);
        if (result.Outcome == CreateOutcome.AlreadyExists)
        {
            // IMPORTANT: never a second instance for an id that is pending, running or suspended, whatever the policy says.
            throw new RpcException(new Status(
                StatusCode.AlreadyExists, $"An orchestration instance with the id '{instanceId}' already exists and is {result.ExistingStatus}."));
        }

        return new P.CreateInstanceResponse { InstanceId = instanceId };
    }

    public override async Task<P.RaiseEventResponse> RaiseEvent(P.RaiseEventRequest request, ServerCallContext context)
    {
        // An event for an id not started yet is kept and delivered when it starts; one for a finished instance is dropped.
        var instance = await store.GetInstanceAsync(request.InstanceId, context.CancellationToken);
        if (instance is null || !instance.IsTerminal)
        {
            await store.SendMessageAsync(request.InstanceId, Events.EventRaised(this.Now, request.Name, request.Input), context.CancellationToken);
        }

        return new P.RaiseEventResponse();
    }

    public override async Task<P.TerminateResponse> TerminateInstance(P.TerminateRequest request, ServerCallContext context)
    {
        var instance = await this.RequireAsync(request.InstanceId, context);
        if (!instance.IsTerminal)
        {
            await store.SendMessageAsync(request.InstanceId, Events.ExecutionTerminated(this.Now, request.Output, request.Recursive), context.CancellationToken);
        }

        return new P.TerminateResponse();
    }

    public override async Task<P.SuspendResponse> SuspendInstance(P.SuspendRequest request, ServerCallContext context)
    {
        var instance = await this.RequireAsync(request.InstanceId, context);
        if (instance.Status is InstanceStatus.Running or InstanceStatus.Pending)
        {
            await store.SendMessageAsync(request.InstanceId, Events.Suspended(this.Now, request.Reason), context.CancellationToken);
        }

        return new P.SuspendResponse();
    }

    public override async Task<P.ResumeResponse> ResumeInstance(P.ResumeRequest request, ServerCallContext context)
    {
        var instance = await this.RequireAsync(request.InstanceId, context);
        if (!instance.IsTerminal)
        {
            await store.SendMessageAsync(request.InstanceId, Events.Resumed(this.Now, request.Reason), context.CancellationToken);
        }

        return new P.ResumeResponse();
    }

    public override async Task<P.RestartInstanceResponse> RestartInstance(P.RestartInstanceRequest request, ServerCallContext context)
    {
        var instance = await this.RequireAsync(request.InstanceId, context);
        if (!instance.IsTerminal && !request.RestartWithNewInstanceId)
        {
            throw new RpcException(new Status(
                StatusCode.FailedPrecondition, $"The instance '{request.InstanceId}' is {instance.Status}; only a finished instance can be restarted with the same id."));
        }

        var history = await store.GetHistoryAsync(request.InstanceId, context.CancellationToken);
        var originalInput = history.Select(e => e.ExecutionStarted).FirstOrDefault(s => s is not null)?.Input ?? instance.Input;
        var newId = request.RestartWithNewInstanceId ? Guid.NewGuid().ToString("N") : request.InstanceId;
        var created = await store.CreateInstanceAsync(
            new NewInstance(newId, ActionApplier.NewExecutionId(), instance.Name, instance.Version, originalInput, this.Now, null), null, context.CancellationToken);
        if (created.Outcome != CreateOutcome.Created)
        {
            throw new RpcException(new Status(StatusCode.AlreadyExists, $"An orchestration instance with the id '{newId}' is already active."));
        }

        return new P.RestartInstanceResponse { InstanceId = newId };
    }

    private async Task<InstanceRow> RequireAsync(string instanceId, ServerCallContext context) =>
        await store.GetInstanceAsync(instanceId, context.CancellationToken)
        ?? throw new RpcException(new Status(StatusCode.NotFound, $"No orchestration instance with the id '{instanceId}' exists."));
}
