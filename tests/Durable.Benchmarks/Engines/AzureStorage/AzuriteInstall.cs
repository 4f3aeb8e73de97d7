using System.Diagnostics;

namespace Durable.Benchmarks.Engines.AzureStorage;

/// <summary>Finds the Azurite executable, installing it with npm into the repository's git-ignored <c>.tools/</c> if absent (as scripts/test.sh does for maildev).</summary>
internal static class AzuriteInstall
{
    public static async Task<string> FindOrInstallAsync()
    {
        if (Environment.GetEnvironmentVariable("AZURITE_BIN") is { Length: > 0 } configured)
        {
            return configured;
        }

        var tools = Path.Combine(RepositoryRoot(), ".tools");
        var executable = Path.Combine(tools, "node_modules", ".bin", "azurite");
        if (!File.Exists(executable))
        {
            Console.WriteLine($"  azurestorage: installing azurite@{Azurite.Version} with npm into {tools}");
            using var npm = Process.Start(new ProcessStartInfo("npm")
            {
                ArgumentList = { "install", "--silent", "--no-audit", "--no-fund", "--prefix", tools, $"azurite@{Azurite.Version}" },
            }) ?? throw new InvalidOperationException("could not start npm");
            await npm.WaitForExitAsync();
            if (npm.ExitCode != 0 || !File.Exists(executable))
            {
                throw new InvalidOperationException($"npm install azurite@{Azurite.Version} failed ({npm.ExitCode}); set AZURITE_BIN to an azurite executable");
            }
        }

        return executable;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Serverless.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no Serverless.sln above {AppContext.BaseDirectory}; set AZURITE_BIN");
    }
}
