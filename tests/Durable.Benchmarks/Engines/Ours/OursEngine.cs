using Durable.Backend.Hosting;
using Durable.Backend.Storage;
using Durable.Backend.Storage.Sqlite;
using Durable.Benchmarks.Engines.Sdk;
using Durable.Benchmarks.Workloads.Sdk;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Durable.Benchmarks.Engines.Ours;

/// <summary>
/// Ours: Microsoft's SDK worker and client (<c>AddDurableTaskWorker</c>/<c>AddDurableTaskClient</c>) in a generic host,
/// over our backend hosted in the same process on a SQLite file (its defaults: WAL, synchronous=FULL).
/// </summary>
internal static class OursEngine
{
    public static async Task<IEngineTarget> StartAsync(string databasePath)
    {
        var host = await StartHostAsync(databasePath, SdkWorkloads.Register);
        // The backend runs its own server (and store) inside the host; its commit counters are internal, visible to this project.
        var store = (SqliteBackendStore)host.Services.GetRequiredService<InProcessBackendHost>().Services.GetRequiredService<IBackendStore>();
        return new SdkTarget(
            "ours",
            $"Durable Task SDK 1.28.0 worker and client over Durable.Backend in process, SQLite file {databasePath} (backend defaults: WAL, synchronous=FULL)",
            host.Services.GetRequiredService<DurableTaskClient>(),
            () => StopAsync(host),
            () => store.CommitCounts);
    }

    /// <summary>
    /// Stops the host after a moment's grace: the backend tells waiting clients an instance completed as soon as the
    /// step is committed, before the worker's call returns, and stopping at once would cancel that call (harmless, but
    /// the worker logs it as an error).
    /// </summary>
    public static async ValueTask StopAsync(IHost host)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        await host.StopAsync();
        host.Dispose();
    }

    /// <summary>The service's own composition: backend, worker and client in one generic host.</summary>
    public static async Task<IHost> StartHostAsync(string databasePath, Action<DurableTaskRegistry> tasks)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddBenchmarkLogging();
        builder.Services.AddInProcessDurableBackend(o => o.DatabasePath = databasePath);
        builder.Services.AddDurableTaskWorker(worker =>
        {
            worker.AddTasks(tasks);
            worker.UseInProcessDurableBackend();
        });
        builder.Services.AddDurableTaskClient(client => client.UseInProcessDurableBackend());
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
