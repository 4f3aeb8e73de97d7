using Grpc.Core;
using P = Microsoft.DurableTask.Protobuf;

namespace Durable.Backend.Tests.Crash;

/// <summary>An instance's history as the backend stored it, through the protocol's StreamInstanceHistory (the SDK's client does not show it).</summary>
internal static class StoredHistory
{
    public static async Task<IReadOnlyList<P.HistoryEvent>> ReadAsync(P.TaskHubSidecarService.TaskHubSidecarServiceClient sidecar, string instanceId)
    {
        using var call = sidecar.StreamInstanceHistory(new P.StreamInstanceHistoryRequest { InstanceId = instanceId }, deadline: DateTime.UtcNow.AddSeconds(30));
        var events = new List<P.HistoryEvent>();
        await foreach (var chunk in call.ResponseStream.ReadAllAsync())
        {
            events.AddRange(chunk.Events);
        }

        return events;
    }
}
