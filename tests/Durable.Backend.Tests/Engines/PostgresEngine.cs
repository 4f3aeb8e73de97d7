using Durable.Backend.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Testing.Postgres;

namespace Durable.Backend.Tests.Engines;

/// <summary>
/// Our backend as the service hosts it (<see cref="InProcessHost"/>), on a fresh PostgreSQL database of the test
/// run's cluster (<see cref="PostgresCluster"/>), dropped afterwards. A restart starts the new host on the same database.
/// </summary>
internal sealed class PostgresEngine : RunningEngine
{
    private readonly TestDatabase database;
    private readonly Action<DurableBackendOptions>? backend;
    private readonly Action<IServiceCollection>? services;
    private Action<DurableTaskRegistry> tasks;
    private IHost host;

    private PostgresEngine(TestDatabase database, Action<DurableTaskRegistry> tasks, Action<DurableBackendOptions>? backend, Action<IServiceCollection>? services, IHost host)
    {
        this.database = database;
        this.tasks = tasks;
        this.backend = backend;
        this.services = services;
        this.host = host;
    }

    public override string Name => DurableEngine.Postgres;

    public override DurableTaskClient Client => host.Client();

    public override IServiceProvider Services => host.Services;

    /// <summary>The database the backend keeps everything in; more hosts may share it (<see cref="StartHostAsync"/>).</summary>
    public string ConnectionString => database.ConnectionString;

    public static async Task<PostgresEngine> StartAsync(Action<DurableTaskRegistry> tasks, Action<DurableBackendOptions>? backend, Action<IServiceCollection>? services)
    {
        var cluster = await PostgresCluster.SharedAsync();
        var database = await cluster.CreateDatabaseAsync();
        try
        {
            var host = await StartHostAsync(database.ConnectionString, tasks, backend, services);
            return new PostgresEngine(database, tasks, backend, services, host);
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    /// <summary>Another backend host on a database (a second process, in this one): with a worker if given tasks, else a client only.</summary>
    public static Task<IHost> StartHostAsync(
        string connectionString, Action<DurableTaskRegistry>? tasks, Action<DurableBackendOptions>? backend = null, Action<IServiceCollection>? services = null) =>
        InProcessHost.StartAsync(
            o =>
            {
                o.Provider = "Postgres";
                // A few connections are plenty (each transaction holds one, none holds two); many engines share one server.
                o.PostgresConnectionString = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 10 }.ConnectionString;
                backend?.Invoke(o);
            },
            tasks,
            services);

    public override async Task RestartAsync(Action<DurableTaskRegistry>? tasks = null, TimeSpan downtime = default)
    {
        await InProcessHost.StopAsync(host);
        await Task.Delay(downtime);
        this.tasks = tasks ?? this.tasks;
        host = await StartHostAsync(database.ConnectionString, this.tasks, backend, services);
    }

    public override async ValueTask DisposeAsync()
    {
        try
        {
            await InProcessHost.StopAsync(host);
        }
        finally
        {
            await database.DisposeAsync();
        }
    }
}
