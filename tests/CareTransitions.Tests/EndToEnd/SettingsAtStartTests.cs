using CareTransitions.Tests.Infrastructure;

namespace CareTransitions.Tests.EndToEnd;

/// <summary>
/// The service process started with settings it cannot use stops at once, before any store is opened, with exit
/// code 4 and one line on stderr per problem: the key, the bad value (never a secret's) and the fix. No stack trace.
/// </summary>
public sealed class SettingsAtStartTests
{
    private const string ShortKey = "c2hvcnQta2V5"; // base64 of 9 bytes
    private const string PostgresPassword = "hemligt-losen-42";

    [Fact]
    public async Task Every_bad_setting_is_one_line_with_key_value_and_fix_and_the_service_exits_with_4()
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("ct-settings-").FullName;
        try
        {
            var (exitCode, standardOutput, standardError) = await ServiceProcess.RunToExitAsync(
                [
                    $"--urls=http://127.0.0.1:{FreePort.Next()}",
                    $"--Storage:Directory={directory}",
                    "--Workflow:OfficeHours:Days=Monday,Tisdag",
                    "--Workflow:OfficeHours:TimeZone=Europe/Atlantis",
                    "--Workflow:OfficeHours:Opens=18:00",
                    "--Workflow:DefaultPaymentRule=Uppsala",
                    "--Acknowledgements:PermitsPerMinute=0",
                    "--Smtp:Port=70000",
                    "--Smtp:From=inte en adress",
                    $"--Privacy:PseudonymKey={ShortKey}",
                    "--PublicBaseUrl=vardovergang.region.se",
                    "--Storage:Provider=Postgres",
                    $"--ConnectionStrings:Postgres=Hots=db;Password={PostgresPassword}",
                    "--Durable:MaxDequeueCount=0",
                    "--Statistics:DailyAmounts:2024=mycket",
                    "--Telemetry:OtlpEndpoint=collector:4317",
                    "--Logging:LogLevel:Default=Warning",
                ],
                TimeSpan.FromSeconds(60));

            Assert.Equal(4, exitCode);
            var lines = standardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.All(lines, line => Assert.StartsWith("care-transitions: ", line, StringComparison.Ordinal));
            AssertLine(lines, "Workflow:OfficeHours:Days='Monday,Tisdag'", "English day names");
            AssertLine(lines, "Workflow:OfficeHours:TimeZone='Europe/Atlantis'", "Europe/Stockholm");
            AssertLine(lines, "Workflow:OfficeHours:Opens='18:00'", "before Workflow:OfficeHours:Closes");
            AssertLine(lines, "Workflow:DefaultPaymentRule='Uppsala'", "Workflow:PaymentRules:Uppsala");
            AssertLine(lines, "Acknowledgements:PermitsPerMinute='0'", "at least 1");
            AssertLine(lines, "Smtp:Port='70000'", "1–65535");
            AssertLine(lines, "Smtp:From='inte en adress'", "noreply@region.se");
            AssertLine(lines, "Smtp:Host is not set", "--Smtp:Host=");
            AssertLine(lines, "Intake:ApiKey is not set", "x-functions-key");
            AssertLine(lines, "Privacy:PseudonymKey (secret, value not shown) is 9 bytes", "openssl rand -base64 32");
            AssertLine(lines, "PublicBaseUrl='vardovergang.region.se'", "https://");
            AssertLine(lines, "ConnectionStrings:Postgres (secret, value not shown) cannot be read", "Host=db");
            AssertLine(lines, "Durable:MaxDequeueCount='0'", "at least 1");
            AssertLine(lines, "Statistics:DailyAmounts:2024='mycket'", "e.g. Statistics:DailyAmounts:2022=9300");
            AssertLine(lines, "Telemetry:OtlpEndpoint is \"collector:4317\"", "http://localhost:4317");
            Assert.Equal(15, lines.Length);

            var everything = standardOutput + standardError;
            Assert.DoesNotContain(ShortKey, everything, StringComparison.Ordinal);
            Assert.DoesNotContain(PostgresPassword, everything, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", everything, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", everything, StringComparison.Ordinal);
            // Stopped before any store was opened: no app.db, no durable.db.
            Assert.Empty(System.IO.Directory.GetFiles(directory));
        }
        finally
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_value_the_binder_cannot_convert_is_named_with_its_key_and_the_form_to_write()
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("ct-settings-").FullName;
        try
        {
            var (exitCode, _, standardError) = await ServiceProcess.RunToExitAsync(
                ServiceHost.Arguments(FreePort.Next(), directory, FreePort.Next(), "--Workflow:ReminderAfter=fyra timmar"), TimeSpan.FromSeconds(60));

            Assert.Equal(4, exitCode);
            var line = Assert.Single(standardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            Assert.StartsWith("care-transitions: ", line, StringComparison.Ordinal);
            Assert.Contains("'Workflow:ReminderAfter'", line, StringComparison.Ordinal);
            Assert.Contains("fyra timmar", line, StringComparison.Ordinal);
            Assert.Contains("04:00:00", line, StringComparison.Ordinal);
        }
        finally
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData("--Smtp:Port=not-a-port", "Smtp:Port='not-a-port' is not a port: use 1–65535")]
    [InlineData("--Smtp:TimeoutSeconds=30s", "Smtp:TimeoutSeconds='30s' is not a whole number of seconds")]
    [InlineData("--Smtp:Security=Tls", "Smtp:Security='Tls' must be Auto, None, StartTls or SslOnConnect.")]
    public async Task A_mail_setting_of_the_wrong_kind_is_one_line_naming_the_key_for_the_notifications_and_the_report_alike(string argument, string expected)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("ct-settings-").FullName;
        try
        {
            var (exitCode, _, standardError) = await ServiceProcess.RunToExitAsync(
                ServiceHost.Arguments(FreePort.Next(), directory, FreePort.Next(), argument), TimeSpan.FromSeconds(60));

            Assert.Equal(4, exitCode);
            var line = Assert.Single(standardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            Assert.StartsWith($"care-transitions: {expected}", line, StringComparison.Ordinal);
        }
        finally
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task In_Development_the_defaults_start_without_any_setting_or_mail_server()
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("ct-settings-dev-").FullName;
        var port = FreePort.Next();
        try
        {
            await using (var service = await ServiceProcess.StartAsync($"http://127.0.0.1:{port}",
                [$"--urls=http://127.0.0.1:{port}", $"--Storage:Directory={directory}", "--environment=Development", "--Logging:LogLevel:Default=Warning"]))
            {
                using var http = new HttpClient();
                Assert.Equal("Healthy", await http.GetStringAsync($"http://127.0.0.1:{port}/healthz"));
                Assert.True((await http.GetAsync($"http://127.0.0.1:{port}/readyz")).IsSuccessStatusCode);
            }
        }
        finally
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
    }

    private static void AssertLine(string[] lines, string start, string fix) =>
        Assert.True(
            lines.Any(l => l.Contains(start, StringComparison.Ordinal) && l.Contains(fix, StringComparison.Ordinal)),
            $"No line with \"{start}\" and \"{fix}\" in:\n{string.Join('\n', lines)}");
}
