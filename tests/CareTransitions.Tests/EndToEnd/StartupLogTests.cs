using CareTransitions.Tests.Infrastructure;

namespace CareTransitions.Tests.EndToEnd;

/// <summary>What a newcomer reads when the service starts: which address serves what, each said once.</summary>
public sealed class StartupLogTests
{
    [Fact]
    public async Task Started_with_urls_the_log_names_the_address_once_and_the_backends_socket_without_an_override_warning()
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("ct-startup-log-").FullName;
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        try
        {
            // dotnet run hands launchSettings.json's applicationUrl over as ASPNETCORE_URLS; --urls wins, and says nothing of it.
            await using var service = await ServiceProcess.StartAsync(url,
                [$"--urls={url}", $"--Storage:Directory={directory}", "--environment=Development", "--Logging:LogLevel:Default=Information"],
                new Dictionary<string, string> { ["ASPNETCORE_URLS"] = "http://localhost:5080" });
            var log = await service.WaitForOutputAsync("The service answers on", TimeSpan.FromSeconds(30));
            var lines = log.Split('\n', StringSplitOptions.TrimEntries);

            Assert.DoesNotContain("Overriding", log, StringComparison.Ordinal);
            Assert.DoesNotContain("5080", log, StringComparison.Ordinal);
            Assert.Equal([$"Now listening on: {url}"], lines.Where(l => l.StartsWith("Now listening on", StringComparison.Ordinal)));
            Assert.Single(lines, l => l.StartsWith("Application started", StringComparison.Ordinal));
            Assert.Equal(["Hosting environment: Development"], lines.Where(l => l.StartsWith("Hosting environment", StringComparison.Ordinal)));
            var serving = Assert.Single(lines, l => l.StartsWith("The service answers on", StringComparison.Ordinal));
            Assert.Matches($@"^The service answers on {System.Text.RegularExpressions.Regex.Escape(url)}; its durable backend, private to this process, on unix:/\S+\.sock$", serving);
        }
        finally
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
    }
}
