using System.Net;
using System.Net.Sockets;
using CareTransitions;
using CareTransitions.Directory;
using CareTransitions.Handover;
using CareTransitions.Workflow;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace BenchmarkSeeding;

/// <summary>
/// The real standalone service (<see cref="CareTransitionsApp.Build(string[])"/>) on a loopback port over the SQLite files
/// in <see cref="Directory"/>: Development, with <c>Authentication:Mode=Open</c> (every request is the developer, who
/// works for every unit) or signing in at an OpenID provider, emails as .eml files in the pickup folder (no <c>Smtp:Host</c>).
/// </summary>
internal sealed class BenchmarkService : IAsyncDisposable
{
    /// <summary>The id of the personal-data key the service seals with, and the seeding too.</summary>
    public const string KeyId = "bench";

    public static readonly string Key = Convert.ToBase64String(Enumerable.Range(100, 32).Select(i => (byte)i).ToArray());

    private BenchmarkService(WebApplication app, string baseUrl)
    {
        this.App = app;
        this.BaseUrl = baseUrl;
    }

    public WebApplication App { get; }

    public string BaseUrl { get; }

    public IServiceProvider Services => this.App.Services;

    /// <summary>Starts the service; with <paramref name="signIn"/> (an OpenID provider's settings) people sign in there instead of Open mode.</summary>
    public static async Task<BenchmarkService> StartAsync(string directory, string[]? signIn = null)
    {
        var port = FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        var app = CareTransitionsApp.Build(
        [
            "--environment=Development",
            signIn is null ? "--Authentication:Mode=Open" : "--Authentication:Mode=OpenIdConnect",
            $"--urls={baseUrl}",
            $"--PublicBaseUrl={baseUrl}",
            $"--Storage:Directory={directory}",
            "--Intake:ApiKey=benchmark-key-0123456789",
            $"--Privacy:PseudonymKey={Convert.ToBase64String(new byte[32])}",
            $"--PersonalData:Keys:{KeyId}={Key}",
            $"--PersonalData:CurrentKeyId={KeyId}",
            "--Logging:LogLevel:Default=Warning",
            // Every page view warns that antiforgery replaced the page's Cache-Control: kept out of the benchmark's output.
            "--Logging:LogLevel:Microsoft.AspNetCore.Antiforgery=Error",
            .. signIn ?? [],
        ]);
        await app.StartAsync();
        return new BenchmarkService(app, baseUrl);
    }

    /// <summary>
    /// Starts the service once so it migrates every store in <paramref name="directory"/>, and hands back what the seeding
    /// must share with it: the units directory, the workflow settings and the personal-data cipher.
    /// </summary>
    public static async Task<(UnitsDirectory Units, WorkflowSettings Settings, PersonalDataCipher Cipher)> MigrateAsync(string directory)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var first = await StartAsync(directory);
        var shared = (first.Services.GetRequiredService<UnitsDirectory>(), first.Services.GetRequiredService<WorkflowSettings>(),
            first.Services.GetRequiredService<PersonalDataCipher>());
        await first.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Console.WriteLine($"service started once to migrate the stores: {clock.Elapsed.TotalSeconds:0.0} s");
        return shared;
    }

    /// <summary>A browser: its own cookies (the antiforgery cookie), redirects not followed so a POST is timed alone.</summary>
    public HttpClient Browser() => new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
    {
        BaseAddress = new Uri(this.BaseUrl),
        Timeout = TimeSpan.FromMinutes(2),
    };

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await this.App.StopAsync(timeout.Token);
        await this.App.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
