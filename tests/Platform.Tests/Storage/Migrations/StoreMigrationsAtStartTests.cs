using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Storage.Migrations;

namespace Platform.Tests.Storage.Migrations;

/// <summary>The host's start: every store migrated before any hosted service starts, and a refusal stops the start.</summary>
public sealed class StoreMigrationsAtStartTests
{
    [Fact]
    public async Task StartAsync_StoresRegistered_AreMigratedInOrderBeforeAnyHostedServiceStarts()
    {
        var events = new List<string>();
        // A hosted service registered before the migrations still starts after them.
        using var host = Host(services => services.AddHostedService(_ => new RecordingService(events)), new RecordingStore("app", events), new RecordingStore("statistics", events));

        await host.StartAsync();
        await host.StopAsync();

        Assert.Equal(["migrated app", "migrated statistics", "hosted service started"], events);
    }

    [Fact]
    public async Task StartAsync_AStoreTooNew_StopsTheStartWithItsException()
    {
        var events = new List<string>();
        using var host = Host(services => services.AddHostedService(_ => new RecordingService(events)), new RecordingStore("app", events, tooNew: true));

        var refused = await Assert.ThrowsAsync<SchemaTooNewException>(() => host.StartAsync());

        Assert.Equal("app", refused.Store);
        Assert.Empty(events);
    }

    [Fact]
    public async Task StartAsync_AStoreOutOfReach_StopsTheStartWithExitCode3AndOneLineNamingIt()
    {
        var events = new List<string>();
        using var host = Host(services => services.AddHostedService(_ => new RecordingService(events)), new RecordingStore("statistics", events, unreachable: true));

        var refused = await Assert.ThrowsAsync<StoreUnreachableAtStartException>(() => host.StartAsync());

        Assert.Equal(Platform.Hosting.ExitCodes.StoreUnavailable, refused.ExitCode);
        Assert.StartsWith("the statistics store (here) cannot be reached (NpgsqlException: Failed to connect to 127.0.0.1:1)", Assert.Single(refused.Lines), StringComparison.Ordinal);
        Assert.Empty(events);
    }

    private static IHost Host(Action<IServiceCollection> before, params RecordingStore[] stores)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        before(builder.Services);
        foreach (var store in stores)
        {
            builder.Services.AddSingleton<IMigratedStore>(store);
        }

        // Twice, as two parts of a host might ask for it: the stores are still migrated once.
        builder.Services.AddStoreMigrationsAtStart();
        builder.Services.AddStoreMigrationsAtStart();
        return builder.Build();
    }

    private sealed class RecordingStore(string name, List<string> events, bool tooNew = false, bool unreachable = false) : IMigratedStore
    {
        public string Description => $"{name} store (here)";

        public Task MigrateAsync(CancellationToken cancellationToken)
        {
            if (tooNew)
            {
                throw new SchemaTooNewException(name, "here", 9, 1);
            }

            if (unreachable)
            {
                throw new Npgsql.NpgsqlException("Failed to connect to 127.0.0.1:1");
            }

            events.Add($"migrated {name}");
            return Task.CompletedTask;
        }
    }

    private sealed class RecordingService(List<string> events) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            events.Add("hosted service started");
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
