using System.Diagnostics;
using Durable.Backend.Hosting;
using Durable.Benchmarks.Workloads.Sdk;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Postgres.Benchmarks;

/// <summary>
/// One of the benchmark's worker processes: this program again, in its worker mode, hosting our backend in process on
/// the shared database with the SDK worker and client on it, as a service instance does. It runs until its standard
/// input closes — when the benchmark disposes it, or dies — so no worker outlives a run; disposing kills it (and its
/// tree) if it does not stop by itself.
/// </summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    private const string Ready = "worker ready, its backend on ";
    private const string Jit = "jit ";

    private readonly Process process;

    private long compiledMethods;

    private WorkerProcess(Process process) => this.process = process;

    /// <summary>The Unix domain socket of the process's backend, for a client in the benchmark's process.</summary>
    public string SocketPath { get; private set; } = "";

    /// <summary>Methods the process's JIT has compiled so far, as it last reported (every quarter second).</summary>
    public long CompiledMethods => Interlocked.Read(ref this.compiledMethods);

    /// <summary>Processor time the process has used so far.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            this.process.Refresh();
            return this.process.TotalProcessorTime;
        }
    }

    public static async Task<WorkerProcess> StartAsync(string connectionString, string name)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { typeof(WorkerProcess).Assembly.Location, "--worker", connectionString })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start.");
        var worker = new WorkerProcess(process);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.StartsWith(Ready, StringComparison.Ordinal) == true)
            {
                worker.SocketPath = e.Data[Ready.Length..];
                ready.TrySetResult();
            }
            else if (e.Data?.StartsWith(Jit, StringComparison.Ordinal) == true && long.TryParse(e.Data.AsSpan(Jit.Length), out var compiled))
            {
                Interlocked.Exchange(ref worker.compiledMethods, compiled);
            }
            else if (e.Data is not null)
            {
                Console.WriteLine($"  [{name}] {e.Data}");
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.WriteLine($"  [{name}] {e.Data}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
            return worker;
        }
        catch
        {
            await worker.DisposeAsync();
            throw;
        }
    }

    /// <summary>The worker mode: runs until standard input closes.</summary>
    public static async Task RunAsync(string connectionString)
    {
        var host = await PostgresEngines.StartHostAsync(connectionString, SdkWorkloads.Register);
        Console.WriteLine(Ready + host.Services.GetRequiredService<InProcessBackendHost>().SocketPath);
        using var stop = new CancellationTokenSource();
        var reports = ReportJitAsync(stop.Token);
        await Console.In.ReadToEndAsync();
        await stop.CancelAsync();
        await reports;
        await host.StopAsync(TimeSpan.FromSeconds(10));
        host.Dispose();
    }

    // For the benchmark's wait until the JIT has settled after the warm-up (JitSettling).
    private static async Task ReportJitAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                Console.WriteLine(Jit + System.Runtime.JitInfo.GetCompiledMethodCount());
            }
        }
        catch (OperationCanceledException)
        {
            // standard input closed: the worker stops
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!this.process.HasExited)
            {
                this.process.StandardInput.Close();
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                try
                {
                    await this.process.WaitForExitAsync(grace.Token);
                }
                catch (OperationCanceledException)
                {
                    this.process.Kill(entireProcessTree: true);
                    await this.process.WaitForExitAsync();
                }
            }
        }
        finally
        {
            this.process.Dispose();
        }
    }
}
