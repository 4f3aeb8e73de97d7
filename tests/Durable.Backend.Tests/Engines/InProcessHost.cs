using Durable.Backend.Hosting;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Durable.Backend.Tests.Engines;

/// <summary>
/// Our backend as the service hosts it: a generic host with the backend in process and Microsoft's client (and,
/// given tasks, its worker) connected to it. The store is whatever <c>backend</c> configures (a SQLite file, a
/// PostgreSQL database).
/// </summary>
internal static class InProcessHost
{
    /// <summary>How long starting or stopping a host may take before the test fails instead of hanging.</summary>
    private static readonly TimeSpan HostDeadline = TimeSpan.FromSeconds(30);

    /// <param name="backend">Settings of the backend, the store among them.</param>
    /// <param name="tasks">The worker's orchestrators and activities; <c>null</c> for a host with a client and no worker.</param>
    /// <param name="services">Services the worker's tasks need.</param>
    public static async Task<IHost> StartAsync(Action<DurableBackendOptions> backend, Action<DurableTaskRegistry>? tasks, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        services?.Invoke(builder.Services);
        builder.Services.AddInProcessDurableBackend(backend);
        if (tasks is not null)
        {
            builder.Services.AddDurableTaskWorker(b =>
            {
                b.AddTasks(tasks);
                b.UseInProcessDurableBackend();
            });
        }

        builder.Services.AddDurableTaskClient(b => b.UseInProcessDurableBackend());

        var host = builder.Build();
        try
        {
            using var cts = new CancellationTokenSource(HostDeadline);
            await host.StartAsync(cts.Token);
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    public static async Task StopAsync(IHost host)
    {
        try
        {
            using var cts = new CancellationTokenSource(HostDeadline);
            await host.StopAsync(cts.Token);
        }
        finally
        {
            host.Dispose();
        }
    }

    public static DurableTaskClient Client(this IHost host) => host.Services.GetRequiredService<IDurableTaskClientProvider>().GetClient();
}
