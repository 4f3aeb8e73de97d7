using CareTransitions.Functions.HostTests.Infrastructure;

namespace CareTransitions.Functions.HostTests;

/// <summary>
/// What an operator sees when a setting is wrong: the worker refuses to start and writes one line naming the key and
/// the fix, which the host logs (in Azure: the log stream and Application Insights); the host gives up on the worker
/// and serves nothing. docs/functions-host.md says so.
/// </summary>
[Collection(AppUnderHostCollection.Name)]
public sealed class BadSettingsTests(AppUnderHost app)
{
    public static TheoryData<string, string?, string> Cases => new()
    {
        { "Storage__Provider", "Sqlite", "care-transitions-functions: Storage:Provider='Sqlite' cannot be used by the Functions app outside Development" },
        { "Privacy__PseudonymKey", null, "care-transitions-functions: Privacy:PseudonymKey" },
        { "Privacy__PseudonymKey", "@Microsoft.KeyVault(SecretUri=https://kv-vardovergang.vault.azure.net/secrets/pseudonym-key)", "care-transitions-functions: Privacy:PseudonymKey is an unresolved Key Vault reference" },
        { "Smtp__Port", "not-a-port", "care-transitions-functions: Smtp:Port='not-a-port' is not a port" },
    };

    [HostTheory]
    [MemberData(nameof(Cases))]
    public async Task A_wrong_setting_is_named_in_the_hosts_log_and_no_function_is_served(string key, string? value, string line)
    {
        var settings = FunctionsHostProcess.Settings(app.Services, "badsettings");
        if (value is null)
        {
            settings.Remove(key);
        }
        else
        {
            settings[key] = value;
        }

        await using var host = await FunctionsHostProcess.StartAsync(settings, waitUntilReady: false);

        await host.WaitForOutputAsync(line, TimeSpan.FromSeconds(90));
        await host.WaitForOutputAsync("Exceeded language worker restart retry count", TimeSpan.FromSeconds(90));
        HttpResponseMessage? answer = null;
        try
        {
            answer = await host.Http.GetAsync("/healthz");
        }
        catch (HttpRequestException)
        {
            // Nothing listens: the host stopped before serving.
        }
        Assert.True(answer is null || !answer.IsSuccessStatusCode, $"/healthz answered {(int?)answer?.StatusCode}");
        Assert.DoesNotContain("Job host started", host.Output, StringComparison.Ordinal);
    }
}
