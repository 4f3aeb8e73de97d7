using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Builder;

namespace CareTransitions.Tests.Infrastructure;

/// <summary>
/// The real service, built by <see cref="CareTransitionsApp.Build"/> and served by Kestrel on a loopback
/// port, with its data in a temporary folder (SQLite) or a test database (<see cref="TestStore"/>, PostgreSQL)
/// and its mail going to a maildev instance.
/// </summary>
public sealed class ServiceHost : IAsyncDisposable
{
    public const string ApiKey = "test-api-key-0123456789";
    public static readonly string PseudonymKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    private ServiceHost(WebApplication? app, string baseUrl, string directory)
    {
        this.App = app;
        this.BaseUrl = baseUrl;
        this.Directory = directory;
        this.Api = new HttpClient { BaseAddress = new Uri(baseUrl) };
        this.Api.DefaultRequestHeaders.Add("x-functions-key", ApiKey);
    }

    public WebApplication? App { get; }

    public string BaseUrl { get; }

    public string Directory { get; }

    public HttpClient Api { get; }

    public IServiceProvider Services => this.App!.Services;

    /// <summary>The arguments the service gets, in-process or as a child process.</summary>
    public static string[] Arguments(int port, string directory, int smtpPort, params string[] extra) =>
    [
        $"--urls=http://127.0.0.1:{port}",
        $"--PublicBaseUrl=http://127.0.0.1:{port}",
        $"--Storage:Directory={directory}",
        "--Smtp:Host=127.0.0.1",
        $"--Smtp:Port={smtpPort}",
        $"--Intake:ApiKey={ApiKey}",
        // The tests call the coordinators' API with the same key, as a deployment that opted in does.
        "--Intake:ApiKeyOpensCoordinatorApi=true",
        $"--Privacy:PseudonymKey={PseudonymKey}",
        "--Durable:PollingInterval=00:00:00.200",
        "--Logging:LogLevel:Default=Warning",
        .. extra,
    ];

    /// <summary>The arguments of a service keeping its data in <paramref name="store"/>.</summary>
    public static string[] Arguments(TestStore store, int port, string directory, int smtpPort, params string[] extra) =>
        Arguments(port, directory, smtpPort, [.. store.Arguments, .. extra]);

    /// <summary>A service on SQLite files in its own temporary folder.</summary>
    public static Task<ServiceHost> StartAsync(Maildev mail, params string[] extra) => StartAsync(mail, store: null, extra);

    /// <summary>A service keeping its data in <paramref name="store"/> (several may share one); SQLite files in its own folder when null.</summary>
    public static Task<ServiceHost> StartAsync(Maildev mail, TestStore? store, params string[] extra) => StartAsync(mail, store, configureServices: null, extra);

    /// <summary>As above, with a last word on the service's services (e.g. in-memory telemetry exporters).</summary>
    public static async Task<ServiceHost> StartAsync(Maildev mail, TestStore? store, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? configureServices, params string[] extra)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("ct-test-").FullName;
        var port = FreePort.Next();
        var app = CareTransitionsApp.Build(Arguments(port, directory, mail.SmtpPort, [.. store?.Arguments ?? [], .. extra]), configureServices);
        await app.StartAsync();
        return new ServiceHost(app, $"http://127.0.0.1:{port}", directory);
    }

    /// <summary>A client-only view of a service running elsewhere (a child process).</summary>
    public static ServiceHost Remote(string baseUrl, string directory) => new(null, baseUrl, directory);

    public async Task<string> SubmitAsync(JsonObject message)
    {
        using var response = await this.Api.PostAsJsonAsync("/api/transitions", message);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    public async Task<JsonElement> GetTransitionAsync(string id) =>
        await this.Api.GetFromJsonAsync<JsonElement>($"/api/transitions/{id}");

    /// <summary>Polls GET /api/transitions/{id} until <paramref name="condition"/> holds.</summary>
    public async Task<JsonElement> WaitForAsync(string id, Func<JsonElement, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        JsonElement last = default;
        while (DateTime.UtcNow < deadline)
        {
            using var response = await this.Api.GetAsync($"/api/transitions/{id}");
            if (response.IsSuccessStatusCode)
            {
                last = await response.Content.ReadFromJsonAsync<JsonElement>();
                if (Holds(condition, last))
                {
                    return last;
                }
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Transition {id} did not reach the expected state: {last}");
    }

    /// <summary>
    /// Sends an admission notice for the transition's episode (a message that tells no unit anything new) and waits until
    /// the transition shows it. The workflow takes its events one after another, so by then it has handled everything
    /// sent to it before: the signal a test waits for before it checks that something did not happen.
    /// </summary>
    public async Task<JsonElement> SendMarkerAndWaitAsync(string id, string episode)
    {
        Assert.Equal(id, await this.SubmitAsync(TestMessages.Create("AdmissionNotice", episode, needs: [])));
        return await this.WaitForAsync(id, t => t.GetProperty("status").GetProperty("deadlines").GetProperty("admittedAt").ValueKind == JsonValueKind.String);
    }

    /// <summary>Follows an email link like a browser without JavaScript: GET the page, fill in the name, POST the form.</summary>
    public static async Task<(HttpStatusCode Status, string Html)> AcknowledgeAsync(string link, string name)
    {
        using var page = await AcknowledgementPage.OpenAsync(link);
        return await page.SubmitAsync(name);
    }

    // A status still being filled in (null parts) simply does not match yet.
    private static bool Holds(Func<JsonElement, bool> condition, JsonElement value)
    {
        try
        {
            return condition(value);
        }
        catch (Exception e) when (e is InvalidOperationException or KeyNotFoundException)
        {
            return false;
        }
    }

    public static IEnumerable<JsonElement> Units(JsonElement transition) => transition.GetProperty("status").GetProperty("units").EnumerateArray();

    public async ValueTask DisposeAsync()
    {
        this.Api.Dispose();
        if (this.App is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await this.App.StopAsync(timeout.Token);
            await this.App.DisposeAsync();
        }

        try
        {
            System.IO.Directory.Delete(this.Directory, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS's temp cleanup if a file is still held.
        }
    }
}
