using System.Collections.Concurrent;
using Durable.Backend.Hosting;
using Durable.Backend.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Testing.Postgres;

namespace Durable.Backend.Tests.SharedDatabase;

/// <summary>The name of the host an activity runs in, so a test can tell which backend process leased it.</summary>
public sealed record HostLabel(string Name);

/// <summary>Which host ran which activity call, shared by the hosts of one test.</summary>
public sealed class ActivityLog
{
    public ConcurrentQueue<(string Host, int Input)> Runs { get; } = new();
}

/// <summary>Runs on whichever host leased it, records that, and takes a little while (so both hosts get a share).</summary>
public sealed class RecordsItsHost(HostLabel host, ActivityLog log) : TaskActivity<int, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, int input)
    {
        log.Runs.Enqueue((host.Name, input));
        await Task.Delay(100);
        return $"{input}@{host.Name}";
    }
}

/// <summary>
/// One backend host of several on the same PostgreSQL database, as separate processes would be: its own store (pool,
/// listener), dispatcher, worker and client. <see cref="KillAsync"/> ends it as a dead process would end.
/// </summary>
internal sealed class SharedHost : IAsyncDisposable
{
    private IHost? host;

    private SharedHost(string name, IHost host)
    {
        this.Name = name;
        this.host = host;
    }

    public string Name { get; }

    public DurableTaskClient Client => this.Host.Client();

    /// <summary>This host's store (what a process would hold).</summary>
    public IBackendStore Store => this.Host.Services.GetRequiredService<InProcessBackendHost>().Services.GetRequiredService<IBackendStore>();

    private IHost Host => this.host ?? throw new InvalidOperationException($"Host {this.Name} is gone.");

    /// <summary>Starts a host on <paramref name="database"/>: with a worker running <paramref name="tasks"/>, or a client only.</summary>
    public static async Task<SharedHost> StartAsync(
        TestDatabase database, string name, Action<DurableTaskRegistry>? tasks, Action<DurableBackendOptions>? backend = null, ActivityLog? log = null) =>
        new(name, await PostgresEngine.StartHostAsync(database.ConnectionString, tasks, backend, s =>
        {
            s.AddSingleton(new HostLabel(name));
            s.AddSingleton(log ?? new ActivityLog());
        }));

    /// <summary>
    /// Ends the host as a killed process ends: its store closes its connections first, so nothing is handed back and
    /// its leases stay in the database until they expire; then the rest stops, unable to reach the database.
    /// </summary>
    public async Task KillAsync()
    {
        await this.Store.DisposeAsync();
        var dead = this.Host;
        this.host = null;
        try
        {
            await InProcessHost.StopAsync(dead);
        }
        catch (Exception e) when (e is ObjectDisposedException or OperationCanceledException or AggregateException or InvalidOperationException)
        {
            // Its shutdown finds the store gone; a killed process would not have run it at all.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (this.host is { } running)
        {
            this.host = null;
            await InProcessHost.StopAsync(running);
        }
    }

    /// <summary>A fresh database of the test run's cluster.</summary>
    public static async Task<TestDatabase> NewDatabaseAsync() => await (await PostgresCluster.SharedAsync()).CreateDatabaseAsync();

    /// <summary>Runs a query on <paramref name="database"/> and returns its first column as a number.</summary>
    public static async Task<long> CountAsync(TestDatabase database, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
