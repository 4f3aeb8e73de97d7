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

    public int ProcessId => this.process.Id;

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

    public static async Task<ServiceProcess> StartAsync(string baseUrl, string[] arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = StartInfo(arguments);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
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

    /// <summary>Runs the service until it exits by itself (a refused start), with what it wrote on each stream.</summary>
    public static async Task<(int ExitCode, string StandardOutput, string StandardError)> RunToExitAsync(string[] arguments, TimeSpan timeout)
    {
        using var process = Process.Start(StartInfo(arguments))!;
        var standardOutput = process.StandardOutput.ReadToEndAsync();
        var standardError = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw new TimeoutException($"The service process was still running after {timeout}: " + await standardOutput + await standardError);
        }

        return (process.ExitCode, await standardOutput, await standardError);
    }

    /// <summary>Waits until the output has a line containing <paramref name="text"/>, and returns the output so far.</summary>
    public async Task<string> WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!this.Output.Contains(text, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline || this.process.HasExited)
            {
                throw new TimeoutException($"No \"{text}\" in the service's output: " + this.Output);
            }

            await Task.Delay(50);
        }

        return this.Output;
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

    /// <summary>The compiled host, copied beside the tests, run with <c>dotnet</c> from there.</summary>
    private static ProcessStartInfo StartInfo(string[] arguments)
    {
        var bin = AppContext.BaseDirectory;
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = bin, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(bin, "CareTransitions.Service.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
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
