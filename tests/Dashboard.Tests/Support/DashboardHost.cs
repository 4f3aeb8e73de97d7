using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Storage.Migrations;

namespace Dashboard.Tests.Support;

/// <summary>
/// The dashboard as the service hosts it: a minimal WebApplication on real Kestrel at 127.0.0.1 on a free port,
/// with AddDashboard/MapDashboard, an open Styrgrupp policy and a temp-file SQLite store.
/// </summary>
internal sealed class DashboardHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _folder;

    private DashboardHost(WebApplication app, string folder)
    {
        _app = app;
        _folder = folder;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
        Client = new HttpClient { BaseAddress = BaseAddress };
    }

    public Uri BaseAddress { get; }
    public HttpClient Client { get; }
    public IServiceProvider Services => _app.Services;

    /// <summary>The storage directory: statistics.db, the reports archive beside it and the mail pickup folder.</summary>
    public string DataDirectory => Path.Combine(_folder, "data");

    public static async Task<DashboardHost> StartAsync(string environment = "Development", Action<IServiceCollection>? configure = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "dashboard-host-" + Guid.NewGuid().ToString("N"));
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration["Storage:Directory"] = Path.Combine(folder, "data");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.Configuration[key] = value;
        }
        builder.Services.AddDashboard(builder.Configuration);
        // As every host: the statistics store migrated as it starts.
        builder.Services.AddStoreMigrationsAtStart();
        // Who may see the dashboard is the host's Styrgrupp policy (the service's sign-in, tested in CareTransitions.Tests);
        // this host serves the dashboard alone, open to its tests.
        builder.Services.AddAuthorizationBuilder().AddPolicy(DashboardEndpoints.SteeringGroupPolicy, p => p.RequireAssertion(_ => true));
        configure?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapDashboard();
        await app.StartAsync();
        return new DashboardHost(app, folder);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Leftover temp files do not change any test's outcome.
        }
    }
}
