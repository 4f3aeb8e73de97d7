using Durable.Backend.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Durable.Backend.Tests.Engines;

/// <summary>
/// Our backend as the service hosts it (<see cref="InProcessHost"/>), on a real SQLite file in a temporary folder
/// that is deleted afterwards.
/// </summary>
internal sealed class OursEngine : RunningEngine
{
    private readonly string directory;
    private readonly Action<DurableBackendOptions>? backend;
    private readonly Action<IServiceCollection>? services;
    private Action<DurableTaskRegistry> tasks;
    private IHost host;

    private OursEngine(string directory, Action<DurableTaskRegistry> tasks, Action<DurableBackendOptions>? backend, Action<IServiceCollection>? services, IHost host)
    {
        this.directory = directory;
        this.tasks = tasks;
        this.backend = backend;
        this.services = services;
        this.host = host;
    }

    public override string Name => DurableEngine.Ours;

    public override DurableTaskClient Client => host.Client();

    public override IServiceProvider Services => host.Services;

    /// <summary>The SQLite file the backend keeps everything in.</summary>
    public string DatabasePath => Path.Combine(directory, "durable.db");

    public static async Task<OursEngine> StartAsync(Action<DurableTaskRegistry> tasks, Action<DurableBackendOptions>? backend, Action<IServiceCollection>? services)
    {
        var directory = Directory.CreateTempSubdirectory("durable-backend-tests-").FullName;
        try
        {
            var host = await StartHostAsync(Path.Combine(directory, "durable.db"), tasks, backend, services);
            return new OursEngine(directory, tasks, backend, services, host);
        }
        catch
        {
            Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    public override async Task RestartAsync(Action<DurableTaskRegistry>? tasks = null, TimeSpan downtime = default)
    {
        await StopHostAsync(host);
        await Task.Delay(downtime);
        this.tasks = tasks ?? this.tasks;
        host = await StartHostAsync(DatabasePath, this.tasks, backend, services);
    }

    public override async ValueTask DisposeAsync()
    {
        try
        {
            await StopHostAsync(host);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static Task<IHost> StartHostAsync(
        string databasePath, Action<DurableTaskRegistry> tasks, Action<DurableBackendOptions>? backend, Action<IServiceCollection>? services) =>
        InProcessHost.StartAsync(
            o =>
            {
                o.DatabasePath = databasePath;
                backend?.Invoke(o);
            },
            tasks,
            services);

    private static Task StopHostAsync(IHost host) => InProcessHost.StopAsync(host);
}
