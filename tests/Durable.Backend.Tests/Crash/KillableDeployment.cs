using System.Net;
using System.Net.Sockets;
using Durable.Backend.CrashWorker;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.DurableTask.Client.Grpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using P = Microsoft.DurableTask.Protobuf;

namespace Durable.Backend.Tests.Crash;

/// <summary>
/// Our backend server and the crash worker, each a process of its own, on one loopback port and one data folder;
/// a client in the test's process. Either process can be killed with SIGKILL and started again on the same port
/// and folder. Disposing kills whatever still runs, even when the test failed, and deletes the folder.
/// </summary>
internal sealed class KillableDeployment : ICrashDeployment, IAsyncDisposable
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(30);

    private readonly string directory;
    private readonly ProcessOutput output = new();
    private readonly GrpcChannel channel;
    private readonly IHost clientHost;
    private ChildProcess? backend;
    private ChildProcess? worker;
    private int backendStarts;
    private int workerStarts;

    private KillableDeployment(string directory, int port)
    {
        this.directory = directory;
        this.Address = $"http://127.0.0.1:{port}";
        this.channel = GrpcChannel.ForAddress(this.Address);
        this.Sidecar = new P.TaskHubSidecarService.TaskHubSidecarServiceClient(this.channel);

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddDurableTaskClient(b => b.UseGrpc(this.Address));
        this.clientHost = builder.Build();
        this.Client = this.clientHost.Services.GetRequiredService<DurableTaskClient>();
    }

    public string Address { get; }

    /// <summary>The SDK's client, over gRPC to the backend process.</summary>
    public DurableTaskClient Client { get; }

    /// <summary>The protocol itself, for what the SDK's client does not show (stored histories).</summary>
    public P.TaskHubSidecarService.TaskHubSidecarServiceClient Sidecar { get; }

    /// <summary>One line per activity execution, written by every worker process in turn.</summary>
    public string ExecutionLogPath => Path.Combine(this.directory, "executions.log");

    /// <summary>Lines in the execution log so far.</summary>
    public int ExecutionCount => this.ReadExecutions().Count;

    /// <summary>The last lines the processes printed, for the test's log.</summary>
    public IReadOnlyList<string> ProcessOutputTail => this.output.Tail();

    /// <summary>Starts the backend process on a free loopback port with a fresh data folder.</summary>
    public static async Task<KillableDeployment> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("durable-backend-crash-").FullName;
        var deployment = new KillableDeployment(directory, FreeLoopbackPort());
        try
        {
            await deployment.StartBackendAsync();
            return deployment;
        }
        catch
        {
            await deployment.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the backend (again) on the same port and folder, and waits until it answers.</summary>
    public async Task StartBackendAsync()
    {
        if (this.backend is { HasExited: false })
        {
            throw new InvalidOperationException("The backend is already running.");
        }

        this.backend?.Dispose();
        var dll = Path.Combine(AppContext.BaseDirectory, "durable-backend.dll");
        this.backend = ChildProcess.Start(
            $"backend#{++this.backendStarts}",
            dll,
            ["--urls", this.Address, "--data", Path.Combine(this.directory, "data"), "--Logging:LogLevel:Microsoft.AspNetCore=Warning", "--Logging:LogLevel:Grpc=Warning"],
            this.output);
        await this.WaitUntilBackendAnswersAsync(this.backend);
    }

    public async Task KillBackendAsync()
    {
        await (this.backend?.KillAsync() ?? Task.CompletedTask);
        this.output.Add("test", "backend killed");
    }

    /// <summary>Starts a worker process connected to the backend's address; it connects (and reconnects) by itself.</summary>
    public void StartWorker()
    {
        if (this.worker is { HasExited: false })
        {
            throw new InvalidOperationException("The worker is already running.");
        }

        this.worker?.Dispose();
        this.worker = ChildProcess.Start(
            $"worker#{++this.workerStarts}", typeof(CrashWorkload).Assembly.Location, [this.Address, this.ExecutionLogPath], this.output);
    }

    public async Task KillWorkerAsync()
    {
        await (this.worker?.KillAsync() ?? Task.CompletedTask);
        this.output.Add("test", "worker killed");
    }

    /// <summary>
    /// Waits until the execution log grows past <paramref name="count"/>: a worker is connected and running activities.
    /// Returns how long that took, or null if nothing ran within <paramref name="within"/>.
    /// </summary>
    public async Task<TimeSpan?> WaitForExecutionsPastAsync(int count, TimeSpan within)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (TimeProvider.System.GetElapsedTime(started) < within)
        {
            if (this.ExecutionCount > count)
            {
                return TimeProvider.System.GetElapsedTime(started);
            }

            await Task.Delay(25);
        }

        return null;
    }

    public Task<IReadOnlyList<P.HistoryEvent>> ReadHistoryAsync(string instanceId) => StoredHistory.ReadAsync(this.Sidecar, instanceId);

    public IReadOnlyList<(string InstanceId, int Step, string Activity, string Marker)> ReadExecutions() => ExecutionLog.Read(this.ExecutionLogPath);

    public async ValueTask DisposeAsync()
    {
        try
        {
            this.worker?.Dispose();
            this.backend?.Dispose();
            this.clientHost.Dispose();
            this.channel.Dispose();
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

    private async Task WaitUntilBackendAnswersAsync(ChildProcess process)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException(
                    $"{process.Name} exited with code {process.ExitCode} before answering:\n{string.Join('\n', this.output.Tail().TakeLast(20))}");
            }

            try
            {
                await this.Sidecar.HelloAsync(new Google.Protobuf.WellKnownTypes.Empty(), deadline: DateTime.UtcNow.AddSeconds(2));
                return;
            }
            catch (RpcException) when (TimeProvider.System.GetElapsedTime(started) < StartDeadline)
            {
                await Task.Delay(50);
            }
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
