using System.Diagnostics;
using System.Text;

namespace CareTransitions.Tests.Infrastructure;

/// <summary>The compiled service as a separate process, so a test can kill it (SIGKILL) and start it again.</summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private ServiceProcess(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => this.Append(e.Data);
        process.ErrorDataReceived += (_, e) => this.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Output
    {
        get
        {
            lock (this.output)
            {
                return this.output.ToString();
            }
        }
    }

    public static async Task<ServiceProcess> StartAsync(string baseUrl, string[] arguments)
    {
        var bin = AppContext.BaseDirectory;
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = bin, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(bin, "CareTransitions.Service.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var service = new ServiceProcess(Process.Start(start)!);
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                if ((await http.GetAsync(baseUrl + "/healthz")).IsSuccessStatusCode)
                {
                    return service;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !service.process.HasExited)
            {
            }

            if (DateTime.UtcNow > deadline || service.process.HasExited)
            {
                throw new InvalidOperationException("The service process did not start: " + service.Output);
            }

            await Task.Delay(100);
        }
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing — as a crash or a pulled plug.</summary>
    public async Task KillAsync()
    {
        this.process.Kill();
        await this.process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!this.process.HasExited)
        {
            await this.KillAsync();
        }

        this.process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (this.output)
            {
                this.output.AppendLine(line);
            }
        }
    }
}
