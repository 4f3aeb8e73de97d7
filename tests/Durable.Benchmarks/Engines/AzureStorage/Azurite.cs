using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Durable.Benchmarks.Engines.AzureStorage;

/// <summary>
/// The Azure Storage emulator (npm <c>azurite</c>) on free loopback ports, in memory. Started by the benchmark and
/// always stopped by it: on dispose, on process exit, and on Ctrl+C or a termination signal (which end a .NET
/// process without running its finally blocks), so a failed or interrupted run leaves no emulator behind.
/// </summary>
internal sealed class Azurite : IAsyncDisposable
{
    public const string Version = "3.37.0";

    // The emulator's well-known development account (what "UseDevelopmentStorage=true" means), on our own ports.
    private const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process process;
    private readonly int blobPort, queuePort, tablePort;
    private readonly PosixSignalRegistration[] signals;

    private Azurite(Process process, int blobPort, int queuePort, int tablePort)
    {
        (this.process, this.blobPort, this.queuePort, this.tablePort) = (process, blobPort, queuePort, tablePort);
        AppDomain.CurrentDomain.ProcessExit += this.OnExit;

        // Stop the emulator, then let the signal end this process as it would have.
        this.signals = [.. new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT }
            .Select(signal => PosixSignalRegistration.Create(signal, _ => this.Stop()))];
    }

    public string ConnectionString =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + DevelopmentAccountKey + ";" +
        $"BlobEndpoint=http://127.0.0.1:{this.blobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{this.queuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{this.tablePort}/devstoreaccount1;";

    public string Description => $"Azurite {Version} in memory (--inMemoryPersistence: nothing written to disk), ports {this.blobPort}/{this.queuePort}/{this.tablePort}";

    /// <summary>Processor time the emulator (and any child it started) has used so far.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            this.process.Refresh();
            return this.process.TotalProcessorTime;
        }
    }

    public static async Task<Azurite> StartAsync(string executable)
    {
        int blobPort = LoopbackPort.Free(), queuePort = LoopbackPort.Free(), tablePort = LoopbackPort.Free();
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
            "--blobPort", Invariant(blobPort), "--queuePort", Invariant(queuePort), "--tablePort", Invariant(tablePort),
            "--inMemoryPersistence", "--silent", "--skipApiVersionCheck", "--disableTelemetry", "--loose",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {executable}");
        var errors = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync(); // drained so the emulator never blocks on a full pipe
        var azurite = new Azurite(process, blobPort, queuePort, tablePort);
        try
        {
            var deadline = Stopwatch.StartNew();
            while (!(await LoopbackPort.IsListeningAsync(blobPort) && await LoopbackPort.IsListeningAsync(queuePort) && await LoopbackPort.IsListeningAsync(tablePort)))
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"Azurite exited with {process.ExitCode}: {await errors}");
                }

                if (deadline.Elapsed > TimeSpan.FromSeconds(60))
                {
                    throw new TimeoutException("Azurite did not listen within 60 s");
                }

                await Task.Delay(100);
            }

            return azurite;
        }
        catch
        {
            await azurite.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= this.OnExit;
        foreach (var signal in this.signals)
        {
            signal.Dispose();
        }

        this.Stop();
        await this.process.WaitForExitAsync();
        this.process.Dispose();
    }

    private void OnExit(object? sender, EventArgs e) => this.Stop();

    private void Stop()
    {
        try
        {
            this.process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // already exited
        }
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
