using CareTransitions.Functions.Tests.Infrastructure;
using Microsoft.Extensions.Hosting;

namespace CareTransitions.Functions.Tests;

/// <summary>
/// The compiled Functions app (its real Program) started with settings it cannot use: it checks them with the
/// standalone service's validators before any function runs, and stops with one line per problem and exit code 4.
/// No Functions host is needed for that: the check comes before the worker connects to one.
/// </summary>
public sealed class SettingsAtStartTests
{
    [Fact]
    public async Task Bad_settings_stop_the_app_with_exit_code_4_and_one_line_per_problem_naming_key_and_fix()
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("ct-func-settings-").FullName;
        const string NotAKey = "hemligt-men-inte-base64";
        try
        {
            var (exitCode, standardOutput, standardError) = await FunctionsAppProcess.RunToExitAsync(
                Environments.Production,
                $"--Storage:Directory={directory}",
                "--Workflow:OfficeHours:Days=Monday,Tisdag",
                "--Workflow:OfficeHours:TimeZone=Europe/Atlantis",
                $"--Privacy:PseudonymKey={NotAKey}",
                "--Authentication:Claims:HsaId= ",
                "--PersonalData:Keys:k1=kort");

            Assert.Equal(4, exitCode);
            var lines = standardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.All(lines, line => Assert.StartsWith("care-transitions-functions: ", line, StringComparison.Ordinal));
            Assert.Contains(lines, l => l.Contains("Workflow:OfficeHours:Days='Monday,Tisdag'", StringComparison.Ordinal) && l.Contains("English day names", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.Contains("Workflow:OfficeHours:TimeZone='Europe/Atlantis'", StringComparison.Ordinal) && l.Contains("Europe/Stockholm", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.Contains("Privacy:PseudonymKey", StringComparison.Ordinal) && l.Contains("openssl rand -base64 32", StringComparison.Ordinal));
            // Production: no mail server is an error, and SQLite is refused by the Functions app's own rule.
            Assert.Contains(lines, l => l.Contains("Smtp:Host is not set", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.Contains("Storage__Provider=Postgres", StringComparison.Ordinal));
            // The staff claims it reads from App Service's principal, and the personal-data keys, are checked as in the service.
            Assert.Contains(lines, l => l.Contains("Authentication:Claims:HsaId is empty", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.Contains("PersonalData:Keys:k1 (secret, value not shown) is not base64 of 32 bytes", StringComparison.Ordinal));
            // The Functions host checks its own function keys: Intake:ApiKey is not this app's setting.
            Assert.DoesNotContain(lines, l => l.Contains("Intake:ApiKey", StringComparison.Ordinal));
            Assert.Equal(7, lines.Length);
            Assert.DoesNotContain(NotAKey, standardOutput + standardError, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", standardOutput + standardError, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", standardOutput + standardError, StringComparison.Ordinal);
        }
        finally
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
    }
}
