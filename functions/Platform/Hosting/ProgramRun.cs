using Microsoft.Extensions.Options;

namespace Platform.Hosting;

/// <summary>
/// Runs a program's host and turns a refused start into README.md's exit code with one line per problem on stderr,
/// <c>{program}: {line}</c>, the same way in the standalone service, the Functions app and the backend server.
/// </summary>
public static class ProgramRun
{
    /// <summary>Runs <paramref name="run"/>; 0 when it ends, else the refusal's exit code after its lines, as <c>{program}: …</c>.</summary>
    public static async Task<int> RunAsync(string program, Func<Task> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        try
        {
            await run();
            return 0;
        }
        catch (StartRefusedException e)
        {
            await WriteAsync(program, e.Lines);
            return e.ExitCode;
        }
        catch (OptionsValidationException e)
        {
            // A setting validated by a part the settings check does not know (ValidateOnStart caught it): the same form.
            await WriteAsync(program, [.. e.Failures]);
            return ExitCodes.Settings;
        }
    }

    private static async Task WriteAsync(string program, IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            await Console.Error.WriteLineAsync($"{program}: {line}");
        }
    }
}
