using System.Net;
using System.Net.Sockets;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Durable.Backend.Tests.Engines;

/// <summary>Microsoft's in-memory <see cref="DurableTaskTestHost"/>.</summary>
internal sealed class ReferenceEngine(DurableTaskTestHost host) : RunningEngine
{
    public override string Name => DurableEngine.Reference;

    public override DurableTaskClient Client => host.Client;

    public override IServiceProvider Services => host.Services;

    public static async Task<ReferenceEngine> StartAsync(Action<DurableTaskRegistry> tasks, Action<IServiceCollection>? services)
    {
        // The test host picks a random port in 30000-40000 by itself; other builds run on this machine at the same
        // time, so ask the system for a free one instead, and try again if someone took it in between.
        for (var attempt = 1; ; attempt++)
        {
            using var cts = new CancellationTokenSource(HostDeadline);
            try
            {
                var options = new DurableTaskTestHostOptions { Port = FreeLoopbackPort(), ConfigureServices = services };
                return new ReferenceEngine(await DurableTaskTestHost.StartAsync(tasks, options, cts.Token));
            }
            catch (IOException) when (attempt < 3)
            {
                // Address already in use.
            }
        }
    }

    public override Task RestartAsync(Action<DurableTaskRegistry>? tasks = null, TimeSpan downtime = default) =>
        throw new NotSupportedException("The reference keeps its instances in memory: a restart would lose them.");

    public override async ValueTask DisposeAsync() => await host.DisposeAsync().AsTask().WaitAsync(HostDeadline);

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
