using Durable.Backend.Dispatch;
using Durable.Backend.Storage;
using Grpc.Core;
using P = Microsoft.DurableTask.Protobuf;

namespace Durable.Backend.Grpc;

/// <summary>Reading instances: get, query, purge, and waiting for a start or an end without polling.</summary>
internal sealed partial class TaskHubSidecar
{
    public override async Task<P.GetInstanceResponse> GetInstance(P.GetInstanceRequest request, ServerCallContext context)
    {
        var instance = await store.GetInstanceAsync(request.InstanceId, context.CancellationToken);
        return Response(instance, request.GetInputsAndOutputs);
    }

    public override async Task<P.QueryInstancesResponse> QueryInstances(P.QueryInstancesRequest request, ServerCallContext context)
    {
        var query = request.Query ?? new P.InstanceQuery();
        var filter = new InstanceFilter(
            Statuses(query.RuntimeStatus), query.InstanceIdPrefix, query.CreatedTimeFrom?.ToDateTime(), query.CreatedTimeTo?.ToDateTime(),
            WithPayloads: query.FetchInputsAndOutputs);
        InstancePage page;
        try
        {
            page = await store.QueryInstancesAsync(filter, query.MaxInstanceCount > 0 ? query.MaxInstanceCount : 100, query.ContinuationToken, context.CancellationToken);
        }
        catch (ArgumentException e)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, e.Message));
        }

        var response = new P.QueryInstancesResponse { ContinuationToken = page.ContinuationToken };
        response.OrchestrationState.Add(page.Instances.Select(i => State(i, query.FetchInputsAndOutputs)));
        return response;
    }

    public override async Task<P.PurgeInstancesResponse> PurgeInstances(P.PurgeInstancesRequest request, ServerCallContext context)
    {
        int purged;
        if (request.RequestCase == P.PurgeInstancesRequest.RequestOneofCase.InstanceId)
        {
            purged = await store.PurgeAsync(request.InstanceId, null, context.CancellationToken);
        }
        else if (request.RequestCase == P.PurgeInstancesRequest.RequestOneofCase.PurgeInstanceFilter)
        {
            var f = request.PurgeInstanceFilter;
            purged = await store.PurgeAsync(null, new InstanceFilter(Statuses(f.RuntimeStatus), null, f.CreatedTimeFrom?.ToDateTime(), f.CreatedTimeTo?.ToDateTime()), context.CancellationToken);
        }
        else if (request.RequestCase == P.PurgeInstancesRequest.RequestOneofCase.InstanceBatch)
        {
            purged = 0;
            foreach (var id in request.InstanceBatch.InstanceIds)
            {
                purged += await store.PurgeAsync(id, null, context.CancellationToken);
            }
        }
        else
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "Purge needs an instance id, a filter or a batch of ids."));
        }

        return new P.PurgeInstancesResponse { DeletedInstanceCount = purged, IsComplete = true };
    }

    public override Task<P.GetInstanceResponse> WaitForInstanceStart(P.GetInstanceRequest request, ServerCallContext context) =>
        this.WaitAsync(request, i => i.Status != InstanceStatus.Pending, onlyWhenFinished: false, context);

    public override Task<P.GetInstanceResponse> WaitForInstanceCompletion(P.GetInstanceRequest request, ServerCallContext context) =>
        this.WaitAsync(request, i => i.IsTerminal, onlyWhenFinished: true, context);

    public override Task<P.CreateTaskHubResponse> CreateTaskHub(P.CreateTaskHubRequest request, ServerCallContext context) =>
        Task.FromResult(new P.CreateTaskHubResponse()); // The store creates its schema when it opens.

    /// <summary>
    /// Every change of an instance's status wakes its waiters, so their own look is only a fallback for a wake-up lost
    /// with a connection: once in fifteen polling intervals, since every look is a read, and many waiters looking often
    /// load the database for nothing (figures in docs/durable-backend.md).
    /// </summary>
    private const int WaitFallbackPolls = 15;

    /// <summary>
    /// Woken by the commit that changes the instance (a wait for completion only by the one that finishes it): in this
    /// process, or in another one sharing the database (its notification), with a slow look as a fallback. Ends with
    /// the caller's deadline or cancellation.
    /// </summary>
    private async Task<P.GetInstanceResponse> WaitAsync(P.GetInstanceRequest request, Func<InstanceRow, bool> done, bool onlyWhenFinished, ServerCallContext context)
    {
        var cancel = context.CancellationToken;
        while (true)
        {
            // IMPORTANT: take the watcher before reading, so a change between the read and the wait is not missed.
            var changed = store.Signals.InstanceChanged(request.InstanceId, onlyWhenFinished);
            var instance = await store.GetInstanceAsync(request.InstanceId, cancel);
            if (instance is not null && done(instance))
            {
                return Response(instance, request.GetInputsAndOutputs);
            }

            try
            {
                await changed.WaitAsync(options.Value.PollingInterval * WaitFallbackPolls, clock, cancel);
            }
            catch (TimeoutException)
            {
            }
            catch (OperationCanceledException)
            {
                store.Signals.ForgetInstanceWatcher(request.InstanceId, changed);
                throw;
            }
        }
    }

    private static P.GetInstanceResponse Response(InstanceRow? instance, bool withPayloads) =>
        instance is null ? new P.GetInstanceResponse { Exists = false } : new P.GetInstanceResponse { Exists = true, OrchestrationState = State(instance, withPayloads) };

    private static P.OrchestrationState State(InstanceRow i, bool withPayloads) => new()
    {
        InstanceId = i.InstanceId,
        Name = i.Name,
        Version = i.Version,
        OrchestrationStatus = InstanceStatusMapping.ToProto(i.Status),
        CreatedTimestamp = Events.Utc(i.CreatedAt),
        LastUpdatedTimestamp = Events.Utc(i.LastUpdatedAt),
        CompletedTimestamp = i.CompletedAt is { } c ? Events.Utc(c) : null,
        ScheduledStartTimestamp = i.ScheduledStartAt is { } s ? Events.Utc(s) : null,
        ExecutionId = i.ExecutionId,
        ParentInstanceId = i.ParentInstanceId,
        Input = withPayloads ? i.Input : null,
        Output = withPayloads ? i.Output : null,
        CustomStatus = withPayloads ? i.CustomStatus : null,
        FailureDetails = withPayloads ? i.Failure : null,
    };

    private static List<InstanceStatus>? Statuses(IEnumerable<P.OrchestrationStatus> statuses)
    {
        var list = statuses.Select(InstanceStatusMapping.FromProto).OfType<InstanceStatus>().ToList();
        return list.Count == 0 ? null : list;
    }
}
