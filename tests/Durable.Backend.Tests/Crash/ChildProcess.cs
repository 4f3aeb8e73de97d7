using System.Diagnostics;

namespace Durable.Backend.Tests.Crash;

/// <summary>
/// A .NET program started as a process of its own (`dotnet some.dll …`), its output kept in a shared
/// <see cref="ProcessOutput"/>. Disposing it kills it with its whole tree if it still runs.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process process;

    private ChildProcess(Process process, string name)
    {
        this.process = process;
        this.Name = name;
    }

    /// <summary>The name its output lines carry, e.g. <c>backend#3</c>.</summary>
    public string Name { get; }

    public bool HasExited => this.process.HasExited;

    public int ExitCode => this.process.ExitCode;

    /// <param name="environment">Variables to set in the child's environment (on top of this process's).</param>
    public static ChildProcess Start(string name, string dll, IEnumerable<string> arguments, ProcessOutput output, IReadOnlyDictionary<string, string>? environment = null)
    {
        // The same host that runs the tests (dotnet test sets DOTNET_HOST_PATH), else the one on the PATH.
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (variable, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[variable] = value;
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => output.Add(name, e.Data);
        process.ErrorDataReceived += (_, e) => output.Add(name, e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"{name} did not start.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        output.Add(name, $"started, pid {process.Id}");
        return new ChildProcess(process, name);
    }

    /// <summary>SIGKILL on Linux: no shutdown code runs, as in a crash or an OOM kill.</summary>
    public async Task KillAsync()
    {
        if (!this.process.HasExited)
        {
            this.process.Kill(entireProcessTree: true);
        }

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await this.process.WaitForExitAsync(cts.Token);
    }

    public void Dispose()
    {
        try
        {
            if (!this.process.HasExited)
            {
                this.process.Kill(entireProcessTree: true);
                this.process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited in between.
        }
        finally
        {
            this.process.Dispose();
        }
    }
}

/// <summary>The output of every child process of a test, tagged by process, for the test's log when it ends.</summary>
internal sealed class ProcessOutput
{
    private const int Keep = 300;
    private readonly Queue<string> lines = new();
    private readonly Lock gate = new();

    public void Add(string process, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (this.gate)
        {
            // One line per entry: the SDK logs a whole stack trace on one line, and the start of it says enough.
            this.lines.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} [{process}] {(line.Length > 240 ? line[..240] + " …" : line)}");
            if (this.lines.Count > Keep)
            {
                this.lines.Dequeue();
            }
        }
    }

    /// <summary>The last lines, oldest first.</summary>
    public IReadOnlyList<string> Tail()
    {
        lock (this.gate)
        {
            return [.. this.lines];
        }
    }
}
