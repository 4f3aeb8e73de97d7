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
    /// <paramref name="processes"/> worker processes, each our backend in process with the SDK worker on it, sharing the
    /// database; the client here, on a backend of its own with no worker (it leases nothing, it starts instances and
    /// waits for them).
    /// </summary>
    public static async Task<IEngineTarget> StartProcessesAsync(string connectionString, string where, int processes)
    {
        var workers = await Task.WhenAll(Enumerable.Range(1, processes).Select(n => WorkerProcess.StartAsync(connectionString, $"worker{n}")));
        var host = await StartHostAsync(connectionString, tasks: null);
        var target = new SdkTarget(
            $"postgres_{processes}p",
            $"{processes} processes, each Durable.Backend in process with the SDK 1.28.0 worker on it, sharing PostgreSQL {where}; the client in this process",
            host.Services.GetRequiredService<DurableTaskClient>(),
            async () =>
            {
                await OursEngine.StopAsync(host);
                foreach (var worker in workers)
                {
                    await worker.DisposeAsync();
                }
            });
        return new WorkerProcessesTarget(target, workers);
    }

    /// <summary>A generic host with the backend in process on the database, the client, and the worker if given tasks.</summary>
    public static async Task<IHost> StartHostAsync(string connectionString, Action<DurableTaskRegistry>? tasks)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddBenchmarkLogging();
        builder.Services.AddInProcessDurableBackend(o =>
        {
            o.Provider = "Postgres";
            o.PostgresConnectionString = connectionString;
        });
        if (tasks is not null)
        {
            builder.Services.AddDurableTaskWorker(worker =>
            {
                worker.AddTasks(tasks);
                worker.UseInProcessDurableBackend();
            });
        }

        builder.Services.AddDurableTaskClient(client => client.UseInProcessDurableBackend());
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}

/// <summary>An engine whose work runs in worker processes: its figures name their processor time too.</summary>
internal sealed class WorkerProcessesTarget(IEngineTarget inner, IReadOnlyList<WorkerProcess> workers) : IEngineTarget
{
    public string Name => inner.Name;

    public string Description => inner.Description;

    public TimeSpan? HelperProcessorTime => workers.Aggregate(TimeSpan.Zero, (sum, w) => sum + w.ProcessorTime);

    public string HelperName => $"{workers.Count} worker processes";

    /// <summary>Methods the worker processes' JITs have compiled so far.</summary>
    public long CompiledMethods => workers.Sum(w => w.CompiledMethods);

    public Task StartAsync(Workload workload, string instanceId, int index) => inner.StartAsync(workload, instanceId, index);

    public Task<TimeSpan> WaitForCompletionAsync(IReadOnlyList<string> instanceIds, RunClock clock, Action<int> completed) =>
        inner.WaitForCompletionAsync(instanceIds, clock, completed);

    public Task WaitUntilRunningAsync(string instanceId) => inner.WaitUntilRunningAsync(instanceId);

    public Task RaiseWakeAsync(string instanceId) => inner.RaiseWakeAsync(instanceId);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
