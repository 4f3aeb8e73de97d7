using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Durable.Testing;

/// <summary>
/// Runs the engine on a throw-away SQLite file, so app code can test its orchestrators in a few lines:
/// <code>
/// await using var host = await DurableTestHost.StartAsync(d => d.AddOrchestrator&lt;MyOrchestrator&gt;().AddActivity&lt;MyActivity&gt;());
/// var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(MyOrchestrator), input);
/// var result = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true);
/// </code>
/// </summary>
public sealed class DurableTestHost : IAsyncDisposable
{
    private readonly IHost host;
    private readonly string? temporaryDirectory;

    private DurableTestHost(IHost host, string databasePath, string? temporaryDirectory)
    {
        this.host = host;
        this.DatabasePath = databasePath;
        this.temporaryDirectory = temporaryDirectory;
    }

    /// <summary>The client, for starting and inspecting instances.</summary>
    public DurableTaskClient Client => this.host.Services.GetRequiredService<DurableTaskClient>();

    /// <summary>The host's services.</summary>
    public IServiceProvider Services => this.host.Services;

    /// <summary>The SQLite file the engine writes.</summary>
    public string DatabasePath { get; }

    /// <summary>Starts a host with the registrations in <paramref name="configure"/> and optional extra services.</summary>
    /// <param name="configure">Orchestrators, activities and engine options.</param>
    /// <param name="services">Services the activities need, a fake <see cref="TimeProvider"/>, logging, …</param>
    /// <param name="databasePath">A database file to use instead of a fresh temporary one (kept on dispose).</param>
    public static async Task<DurableTestHost> StartAsync(
        Action<DurableTaskBuilder> configure, Action<IServiceCollection>? services = null, string? databasePath = null)
    {
        var temporaryDirectory = databasePath is null ? Directory.CreateTempSubdirectory("durable-test-").FullName : null;
        var path = databasePath ?? Path.Combine(temporaryDirectory!, "durable.db");
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddDurableTask(d =>
        {
            d.UseSqlite(path);
            d.Configure(o => o.PollingInterval = TimeSpan.FromMilliseconds(200));
            configure(d);
        });
        services?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new DurableTestHost(host, path, temporaryDirectory);
    }

    /// <summary>Stops the engine and deletes the temporary database.</summary>
    public async ValueTask DisposeAsync()
    {
        await this.host.StopAsync(TimeSpan.FromSeconds(10));
        if (this.host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
        else
        {
            this.host.Dispose();
        }

        if (this.temporaryDirectory is not null)
        {
            try
            {
                Directory.Delete(this.temporaryDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still open on a slow shutdown is left for the OS's temp cleanup.
            }
        }
    }
}
