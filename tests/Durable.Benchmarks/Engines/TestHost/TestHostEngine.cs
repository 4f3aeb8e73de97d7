using Durable.Benchmarks.Engines.Sdk;
using Durable.Benchmarks.Workloads.Sdk;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Logging;

namespace Durable.Benchmarks.Engines.TestHost;

/// <summary>
/// Microsoft's in-process test host (Microsoft.DurableTask.InProcessTestHost): the SDK's worker and client over an
/// in-memory DurableTask.Core orchestration service behind a gRPC sidecar on loopback. Not durable.
/// </summary>
/// <remarks>
/// Why its throughput is low, by design of a test tool rather than for lack of speed: its in-memory service allows
/// <see cref="Environment.ProcessorCount"/> orchestration and as many activity work items at once (fixed), and a full
/// dispatcher sleeps 500 ms before it looks again instead of being woken when one finishes. So it runs at most
/// 2 × processors orchestrator steps and 2 × processors activities per second, however short they are (its own log,
/// at Information, says "Work-item fetching is paused … 2/2"): HelloSequence5 needs six steps, about 0.7/s on 2 processors.
/// It also takes one worker connection only (a second work-item stream is refused) and sends all work down it under one lock.
/// </remarks>
internal static class TestHostEngine
{
    public static async Task<IEngineTarget> StartAsync(ILoggerFactory loggerFactory)
    {
        // IMPORTANT: the host builds its sidecar with Host.CreateDefaultBuilder and no logging settings of ours, so
        // it would log every gRPC request to the console at Information; configuration from the environment is
        // the only way in. A fair user turns that down as for any ASP.NET Core server under load.
        Environment.SetEnvironmentVariable("Logging__LogLevel__Default", "Warning");

        // It picks a random port in 30000-40000 unless told one; a free one avoids colliding with other processes here.
        var port = LoopbackPort.Free();
        var host = await DurableTaskTestHost.StartAsync(SdkWorkloads.Register, new DurableTaskTestHostOptions { Port = port, LoggerFactory = loggerFactory });
        return new SdkTarget(
            "testhost",
            $"DurableTaskTestHost 0.2.3-preview.1, in memory (not durable), sidecar on localhost:{port}, {Environment.ProcessorCount} concurrent orchestration and activity work items (= processor count, fixed)",
            host.Client,
            host.DisposeAsync);
    }
}
