using Dashboard.Statistics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Storage.Migrations;

namespace Dashboard.Benchmarks;

/// <summary>The dashboard on Kestrel over a given store; optionally with the naive query in place of the snapshot.</summary>
internal sealed class BenchmarkHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BenchmarkHost(WebApplication app)
    {
        _app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(5) };
    }

    public HttpClient Client { get; }

    public static async Task<BenchmarkHost> StartAsync(string databasePath, bool naive)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration["Statistics:DatabasePath"] = databasePath;
        if (naive)
        {
            // Registered before AddDashboard, whose TryAdd then leaves it in place.
            builder.Services.AddSingleton<IStatisticsQuery, NaiveStatisticsQuery>();
        }
        builder.Services.AddDashboard(builder.Configuration);
        builder.Services.AddStoreMigrationsAtStart();
        // Who may see the dashboard is the host's policy (the service signs users in); measured here: the figures, open.
        builder.Services.AddAuthorizationBuilder().AddPolicy(DashboardEndpoints.SteeringGroupPolicy, p => p.RequireAssertion(_ => true));
        var app = builder.Build();
        app.MapDashboard();
        await app.StartAsync();
        return new BenchmarkHost(app);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
