using P = Microsoft.DurableTask.Protobuf;

namespace Durable.Backend.Tests.Crash;

/// <summary>What a <see cref="CrashBatch"/> needs of the processes it runs on: a client, the stored histories, the activities' execution log.</summary>
internal interface ICrashDeployment
{
    /// <summary>The SDK's client, on a backend that is not killed while the batch's calls are made.</summary>
    DurableTaskClient Client { get; }

    /// <summary>The instance's history as the backend stored it, read through the protocol.</summary>
    Task<IReadOnlyList<P.HistoryEvent>> ReadHistoryAsync(string instanceId);

    /// <summary>One entry per activity execution so far, by every worker process (<see cref="CrashWorker.ExecutionLog"/>).</summary>
    IReadOnlyList<(string InstanceId, int Step, string Activity, string Marker)> ReadExecutions();
}
