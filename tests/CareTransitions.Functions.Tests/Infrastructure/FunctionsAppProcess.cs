using System.Diagnostics;

namespace CareTransitions.Functions.Tests.Infrastructure;

/// <summary>The compiled Functions app (its real Program) as a process of its own, without a Functions host, run until it exits.</summary>
internal static class FunctionsAppProcess
{
    /// <summary>Runs the app in <paramref name="environment"/> with these arguments; what it wrote on each stream.</summary>
    public static async Task<(int ExitCode, string StandardOutput, string StandardError)> RunToExitAsync(string environment, params string[] arguments)
    {
        var bin = AppContext.BaseDirectory;
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = bin, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(bin, "CareTransitions.Functions.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The given environment, whatever the machine running the tests has set.
        start.Environment["DOTNET_ENVIRONMENT"] = environment;
        start.Environment["AZURE_FUNCTIONS_ENVIRONMENT"] = environment;
        using var process = Process.Start(start)!;
        var standardOutput = process.StandardOutput.ReadToEndAsync();
        var standardError = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The Functions app was still running: " + await standardOutput + await standardError);
        }

        return (process.ExitCode, await standardOutput, await standardError);
    }
}
