using Durable.Backend.CrashWorker;
using Durable.Backend.Hosting;
using Durable.Backend.Tests.Crash;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using P = Microsoft.DurableTask.Protobuf;

namespace Durable.Backend.Tests.SharedDatabase.Faults;

/// <summary>
/// Several crash-worker processes in their postgres mode — each our backend in process on one PostgreSQL database with
/// Microsoft's worker on it — and, in the test's process, a client on a backend of its own on the same database (a
/// fourth backend, with no worker, so it leases nothing). Any worker process can be killed with SIGKILL and started
/// again. Each process writes its own execution log; the logs and the processes' temporary files (the in-process
/// backend's socket, which a killed process leaves behind) are in one folder. Disposing kills every process that
/// still runs, with its tree, and deletes the folder.
/// </summary>
internal sealed class SharedDatabaseDeployment : ICrashDeployment, IAsyncDisposable
{
    private readonly string directory;
    private readonly string connectionString;
    private readonly TimeSpan lease;
    private readonly IHost clientHost;
    private readonly P.TaskHubSidecarService.TaskHubSidecarServiceClient sidecar;
    private readonly ProcessOutput output = new();
    private readonly ChildProcess?[] workers;
    private int starts;

    private SharedDatabaseDeployment(string directory, string connectionString, TimeSpan lease, int workers, IHost clientHost)
    {
        this.directory = directory;
        this.connectionString = connectionString;
        this.lease = lease;
        this.workers = new ChildProcess?[workers];
        this.clientHost = clientHost;
        this.Client = clientHost.Client();
        this.sidecar = new P.TaskHubSidecarService.TaskHubSidecarServiceClient(clientHost.Services.GetRequiredService<InProcessBackendHost>().Channel);
    }

    public DurableTaskClient Client { get; }

    public int Workers => this.workers.Length;

    /// <summary>The slots whose process is not running (never started, killed, or exited by itself).</summary>
    public IEnumerable<int> Stopped => Enumerable.Range(0, this.workers.Length).Where(i => this.workers[i] is null or { HasExited: true });

    /// <summary>The last lines the processes printed, for the test's log.</summary>
    public IReadOnlyList<string> ProcessOutputTail => this.output.Tail();

    /// <summary>Starts the test's own client host on the database; the worker processes are started by <see cref="Start"/>.</summary>
    public static async Task<SharedDatabaseDeployment> StartAsync(string connectionString, int workers, TimeSpan lease)
    {
        var directory = Directory.CreateTempSubdirectory("durable-backend-faults-").FullName;
        try
        {
            // A small pool in every process: four backends share one server.
            var pooled = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 20 }.ConnectionString;
            var client = await InProcessHost.StartAsync(
                o =>
                {
                    o.Provider = "Postgres";
                    o.PostgresConnectionString = pooled;
                    o.LeaseDuration = lease;
                },
                tasks: null);
            return new SharedDatabaseDeployment(directory, pooled, lease, workers, client);
        }
        catch
        {
            Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    /// <summary>Starts the worker process of <paramref name="slot"/> (again); it opens the store and connects its worker by itself.</summary>
    public void Start(int slot)
    {
        if (this.workers[slot] is { HasExited: false })
        {
            throw new InvalidOperationException($"Worker {slot} is already running.");
        }

        this.workers[slot]?.Dispose();
        var start = ++this.starts;
        this.workers[slot] = ChildProcess.Start(
            $"worker{slot}#{start}",
            typeof(CrashWorkload).Assembly.Location,
            ["--postgres", this.connectionString, Path.Combine(this.directory, $"executions-{start}.log"), "--lease-seconds", this.lease.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            this.output,
            new Dictionary<string, string> { ["TMPDIR"] = this.directory });
    }

    /// <summary>SIGKILL to the slot's process (and its tree).</summary>
    public async Task KillAsync(int slot)
    {
        await (this.workers[slot]?.KillAsync() ?? Task.CompletedTask);
        this.output.Add("test", $"worker{slot} killed");
    }

    public void Note(string line) => this.output.Add("test", line);

    public Task<IReadOnlyList<P.HistoryEvent>> ReadHistoryAsync(string instanceId) => StoredHistory.ReadAsync(this.sidecar, instanceId);

    /// <summary>Every worker process's log, one entry per activity execution.</summary>
    public IReadOnlyList<(string InstanceId, int Step, string Activity, string Marker)> ReadExecutions() =>
        Directory.GetFiles(this.directory, "executions-*.log").SelectMany(ExecutionLog.Read).ToList();

    public async ValueTask DisposeAsync()
    {
        try
        {
            foreach (var worker in this.workers)
            {
                worker?.Dispose();
            }

            await InProcessHost.StopAsync(this.clientHost);
        }
        finally
        {
            // A process killed a moment ago may still hold a file open for a few milliseconds.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    Directory.Delete(this.directory, recursive: true);
                    break;
                }
                catch (IOException) when (attempt < 5)
                {
                    await Task.Delay(200);
                }
            }
        }
    }
}
