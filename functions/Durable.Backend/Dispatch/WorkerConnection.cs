using Durable.Backend.Hosting;
using Durable.Backend.Storage;
using Grpc.Core;
using P = Microsoft.DurableTask.Protobuf;

namespace Durable.Backend.Dispatch;

/// <summary>
/// One worker's GetWorkItems stream. The SDK starts every work item it receives at once, so the backend
/// throttles: at most so many orchestration and activity items are out on one connection at a time.
/// </summary>
internal sealed class WorkerConnection(P.GetWorkItemsRequest request, DurableBackendOptions options, IServerStreamWriter<P.WorkItem> stream, string peer)
{
    private readonly SemaphoreSlim writeLock = new(1, 1);
    private int orchestrations;
    private int activities;
    private int closed;

    public string Peer { get; } = peer;

    public int MaxOrchestrations { get; } = Limit(request.MaxConcurrentOrchestrationWorkItems, options.MaxConcurrentOrchestrations);

    public int MaxActivities { get; } = Limit(request.MaxConcurrentActivityWorkItems, options.MaxConcurrentActivities);

    public bool StreamsHistory { get; } = request.Capabilities.Contains(P.WorkerCapability.HistoryStreaming);

    /// <summary>Set whenever a slot frees up, so the feeding loop looks for work again.</summary>
    public AsyncSignal SlotFreed { get; } = new();

    /// <summary>Set when the stream ended: what is out with it is being handed back.</summary>
    public bool Closed => Volatile.Read(ref this.closed) != 0;

    public void Close() => Volatile.Write(ref this.closed, 1);

    public int FreeOrchestrationSlots => this.MaxOrchestrations - Volatile.Read(ref this.orchestrations);

    public int FreeActivitySlots => this.MaxActivities - Volatile.Read(ref this.activities);

    public void Took(bool orchestration) => Interlocked.Increment(ref orchestration ? ref this.orchestrations : ref this.activities);

    public void Released(bool orchestration)
    {
        Interlocked.Decrement(ref orchestration ? ref this.orchestrations : ref this.activities);
        this.SlotFreed.Set();
    }

    /// <summary>Writes one message; the stream allows one writer at a time (work items and health pings).</summary>
    public async Task WriteAsync(P.WorkItem item, CancellationToken cancellationToken)
    {
        await this.writeLock.WaitAsync(cancellationToken);
        try
        {
            await stream.WriteAsync(item, cancellationToken);
        }
        finally
        {
            this.writeLock.Release();
        }
    }

    private static int Limit(int asked, int configured) => asked > 0 ? Math.Min(asked, configured) : configured;
}
