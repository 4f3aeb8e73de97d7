using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CareTransitions.Load;

/// <summary>
/// One instance of the compiled service (copied beside this program) as a process of its own on a free loopback port,
/// its data on the shared PostgreSQL database, emails as .eml files in a temporary folder of its own (no SMTP server
/// to slow intake down or to be measured), which is also its TMPDIR. Disposing kills the process with its tree and
/// deletes the folder.
/// </summary>
internal sealed class ServiceInstance : IAsyncDisposable
{
    /// <summary>The same secrets on every instance, as in a real deployment behind one address.</summary>
    public const string ApiKey = "load-test-key-0123456789";

    private static readonly string PseudonymKey = Convert.ToBase64String(new byte[32]);

    private readonly Process process;
    private readonly string directory;
    private readonly Queue<string> output = new();

    private ServiceInstance(Process process, string directory, string baseUrl)
    {
        this.process = process;
        this.directory = directory;
        this.BaseUrl = baseUrl;
        process.OutputDataReceived += (_, e) => this.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => this.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string BaseUrl { get; }

    /// <summary>The last lines the service printed (warnings and errors only).</summary>
    public string OutputTail
    {
        get
        {
            lock (this.output)
            {
                return string.Join('\n', this.output);
            }
        }
    }

    /// <summary>Starts the service and waits (at most 60 s) until <c>/healthz</c> answers.</summary>
    public static async Task<ServiceInstance> StartAsync(string connectionString)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("ct-load-").FullName;
        var port = FreeLoopbackPort();
        var baseUrl = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "CareTransitions.Service.dll"),
            $"--urls={baseUrl}", $"--PublicBaseUrl={baseUrl}", $"--Storage:Directory={directory}",
            "--Storage:Provider=Postgres", $"--ConnectionStrings:Postgres={connectionString}",
            $"--Intake:ApiKey={ApiKey}", $"--Privacy:PseudonymKey={PseudonymKey}", "--Logging:LogLevel:Default=Warning",
            // No mail server here: the emails go to the pickup folder, which only Development allows.
            "--environment=Development",
        })
        {
            start.ArgumentList.Add(argument);
        }

        // The in-process durable backend's socket goes in the temporary folder: this one, so a killed service leaves nothing behind.
        start.Environment["TMPDIR"] = directory;
        var instance = new ServiceInstance(Process.Start(start) ?? throw new InvalidOperationException("The service did not start."), directory, baseUrl);
        try
        {
            await instance.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60));
            return instance;
        }
        catch
        {
            await instance.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!this.process.HasExited)
            {
                this.process.Kill(entireProcessTree: true);
                using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await this.process.WaitForExitAsync(deadline.Token);
            }
        }
        finally
        {
            this.process.Dispose();
            System.IO.Directory.Delete(this.directory, recursive: true);
        }
    }

    private async Task WaitUntilHealthyAsync(TimeSpan within)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var started = Stopwatch.StartNew();
        while (true)
        {
            if (this.process.HasExited)
            {
                throw new InvalidOperationException($"The service at {this.BaseUrl} exited with {this.process.ExitCode} at start:\n{this.OutputTail}");
            }

            try
            {
                using var response = await http.GetAsync(this.BaseUrl + "/healthz");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            if (started.Elapsed > within)
            {
                throw new TimeoutException($"The service at {this.BaseUrl} did not answer /healthz within {within.TotalSeconds} s:\n{this.OutputTail}");
            }

            await Task.Delay(100);
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (this.output)
        {
            this.output.Enqueue(line);
            if (this.output.Count > 50)
            {
                this.output.Dequeue();
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
