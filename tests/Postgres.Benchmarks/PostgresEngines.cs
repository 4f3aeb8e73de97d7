using System.Collections.Concurrent;
using Durable.Backend.Hosting;
using Durable.Benchmarks;
using Durable.Benchmarks.Engines;
using Durable.Benchmarks.Engines.Ours;
using Durable.Benchmarks.Engines.Sdk;
using Durable.Benchmarks.Measurement;
using Durable.Benchmarks.Workloads;
using Durable.Benchmarks.Workloads.Sdk;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Postgres.Benchmarks;

/// <summary>Our backend on PostgreSQL as the engine under the benchmark's workloads: in one process, or in several sharing the database.</summary>
internal static class PostgresEngines
{
    /// <summary>The service's composition on PostgreSQL: backend, SDK worker and client in this process.</summary>
    public static async Task<IEngineTarget> StartOneProcessAsync(string connectionString, string where)
    {
        var host = await StartHostAsync(connectionString, SdkWorkloads.Register);
        return new SdkTarget(
            "postgres",
            $"Durable Task SDK 1.28.0 worker and client over Durable.Backend in one process, PostgreSQL {where}",
            host.Services.GetRequiredService<DurableTaskClient>(),
            () => OursEngine.StopAsync(host));
    }

    /// <summary>
    /// <paramref name="processes"/> worker processes sharing the database, each our backend in process with the SDK
    /// worker on it: several service instances, as a region runs them. Every n-th instance is started and awaited through
    /// the n-th process's own backend, as that instance's intake would; the clients here reach the processes' backends
    /// over their sockets. No backend runs in this process.
    /// </summary>
    public static async Task<IEngineTarget> StartProcessesAsync(string connectionString, string where, int processes)
    {
        var workers = await Task.WhenAll(Enumerable.Range(1, processes).Select(n => WorkerProcess.StartAsync(connectionString, $"worker{n}")));
        var clients = workers.Select((worker, n) => ClientOf(worker, $"worker{n + 1}")).ToList();
        return new WorkerProcessesTarget(
            $"postgres_{processes}p",
            $"{processes} processes, each Durable.Backend in process with the SDK 1.28.0 worker on it, sharing PostgreSQL {where}; "
            + "the instances started and awaited through the processes' own backends in turn",
            clients,
            workers);
    }

    /// <summary>A client in this process on a worker process's backend, over its socket.</summary>
    private static SdkTarget ClientOf(WorkerProcess worker, string name)
    {
        var channel = InProcessBackendHost.CreateChannel(worker.SocketPath);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddBenchmarkLogging();
        builder.Services.AddDurableTaskClient(client => client.UseGrpc(channel));
        var host = builder.Build();
        return new SdkTarget(
            name,
            $"the SDK client on {name}'s backend",
            host.Services.GetRequiredService<DurableTaskClient>(),
            () =>
            {
                host.Dispose();
                channel.Dispose();
                return ValueTask.CompletedTask;
            });
    }

    /// <summary>A generic host with the backend in process on the database, the SDK worker and the client: a service instance's composition.</summary>
    public static async Task<IHost> StartHostAsync(string connectionString, Action<DurableTaskRegistry> tasks)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddBenchmarkLogging();
        builder.Services.AddInProcessDurableBackend(o =>
        {
            o.Provider = "Postgres";
            o.PostgresConnectionString = connectionString;
        });
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

/// <summary>
/// An engine whose work runs in worker processes, each taking the starts of every n-th instance through its own client:
/// its figures name the processes' processor time too.
/// </summary>
internal sealed class WorkerProcessesTarget(string name, string description, IReadOnlyList<IEngineTarget> clients, IReadOnlyList<WorkerProcess> workers) : IEngineTarget
{
    private readonly ConcurrentDictionary<string, IEngineTarget> clientOf = new(StringComparer.Ordinal);

    public string Name => name;

    public string Description => description;

    public TimeSpan? HelperProcessorTime => workers.Aggregate(TimeSpan.Zero, (sum, w) => sum + w.ProcessorTime);

    public string HelperName => $"{workers.Count} worker processes";

    /// <summary>Methods the worker processes' JITs have compiled so far.</summary>
    public long CompiledMethods => workers.Sum(w => w.CompiledMethods);

    public Task StartAsync(Workload workload, string instanceId, int index)
    {
        var client = clients[index % clients.Count];
        this.clientOf[instanceId] = client;
        return client.StartAsync(workload, instanceId, index);
    }

    /// <summary>Each client waits for its own instances; the last of them to complete ends the wait.</summary>
    public async Task<TimeSpan> WaitForCompletionAsync(IReadOnlyList<string> instanceIds, RunClock clock, Action<int> completed)
    {
        var waits = instanceIds.GroupBy(this.ClientOf).Select(ids => ids.Key.WaitForCompletionAsync(ids.ToList(), clock, completed));
        return (await Task.WhenAll(waits)).Max();
    }

    public Task WaitUntilRunningAsync(string instanceId) => this.ClientOf(instanceId).WaitUntilRunningAsync(instanceId);

    public Task RaiseWakeAsync(string instanceId) => this.ClientOf(instanceId).RaiseWakeAsync(instanceId);

    public async ValueTask DisposeAsync()
    {
        await Task.Delay(TimeSpan.FromMilliseconds(500)); // the last completions' calls return first (OursEngine.StopAsync)
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }

        foreach (var worker in workers)
        {
            await worker.DisposeAsync();
        }
    }

    private IEngineTarget ClientOf(string instanceId) =>
        this.clientOf.TryGetValue(instanceId, out var client) ? client : throw new InvalidOperationException($"{instanceId} was not started through this engine.");
}
