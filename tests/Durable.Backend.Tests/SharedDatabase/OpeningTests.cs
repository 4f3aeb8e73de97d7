using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Durable.Backend.Hosting;
using Durable.Backend.Storage;
using Durable.Backend.Storage.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Platform.Storage.Migrations;

namespace Durable.Backend.Tests.SharedDatabase;

/// <summary>Opening the PostgreSQL store: the schema made once however many backends start at once, and one clear line when it cannot be opened.</summary>
public class OpeningTests
{
    [Fact]
    public async Task Backends_starting_at_the_same_time_on_an_empty_database_create_the_schema_once()
    {
        await using var database = await SharedHost.NewDatabaseAsync();
        var options = new DurableBackendOptions { Provider = "Postgres", PostgresConnectionString = database.ConnectionString };

        var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => PostgresBackendStore.Open(options, TimeProvider.System, NullLoggerFactory.Instance))));
        try
        {
            Assert.Equal(PostgresSchema.LatestVersion, await SharedHost.CountAsync(database, "SELECT COUNT(*) FROM durable.schema_versions"));
            Assert.All(await Task.WhenAll(stores.Select(s => s.GetInstanceAsync("none", CancellationToken.None))), Assert.Null);
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_database_with_a_newer_backends_schema_is_refused_with_what_to_do()
    {
        await using var database = await SharedHost.NewDatabaseAsync();
        var options = new DurableBackendOptions { Provider = "Postgres", PostgresConnectionString = database.ConnectionString };
        await (PostgresBackendStore.Open(options, TimeProvider.System, NullLoggerFactory.Instance)).DisposeAsync();
        await SharedHost.CountAsync(database, "INSERT INTO durable.schema_versions (version, applied_at) VALUES (99, 0) RETURNING version");

        var refused = Assert.Throws<SchemaTooNewException>(() => PostgresBackendStore.Open(options, TimeProvider.System, NullLoggerFactory.Instance));

        Assert.Equal(99, refused.Version);
        Assert.StartsWith($"the durable store (PostgreSQL ", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"schema durable) has schema version 99, newer than this release knows ({PostgresSchema.LatestVersion}): run the release", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_stores_connections_keep_one_generic_plan_per_statement_and_no_sequential_scans_unless_the_connection_string_says_otherwise()
    {
        await using var database = await SharedHost.NewDatabaseAsync();
        var settings = PostgresConnectionSettings.From(database.ConnectionString);
        var ownChoice = PostgresConnectionSettings.From(database.ConnectionString + ";Options=-c plan_cache_mode=auto -c enable_seqscan=on");

        Assert.Equal("force_generic_plan", await ShowAsync(settings.Pooled, "plan_cache_mode"));
        Assert.Equal("force_generic_plan", await ShowAsync(settings.Leases, "plan_cache_mode"));
        Assert.Equal("off", await ShowAsync(settings.Pooled, "enable_seqscan"));
        Assert.Equal("off", await ShowAsync(settings.Leases, "enable_seqscan"));
        Assert.Equal("auto", await ShowAsync(ownChoice.Pooled, "plan_cache_mode"));
        Assert.Equal("on", await ShowAsync(ownChoice.Pooled, "enable_seqscan"));
    }

    [Theory]
    [InlineData("", 10)]
    [InlineData(";Maximum Pool Size=33", 33)]
    [InlineData(";MaxPoolSize=100", 100)]
    [InlineData(";maximum pool size=5", 5)]
    public void The_stores_pools_open_ten_connections_at_most_unless_the_connection_string_says_otherwise(string given, int expected)
    {
        var settings = PostgresConnectionSettings.From("Host=db;Port=5432;Database=durable;Username=durable" + given);

        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(settings.Pooled).MaxPoolSize);
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(settings.Leases).MaxPoolSize);
        Assert.False(new NpgsqlConnectionStringBuilder(settings.Listener).Pooling);
    }

    [Theory]
    [InlineData("Oracle", null, "Durable:Provider is \"Oracle\": use \"Sqlite\"")]
    [InlineData("Postgres", null, "Durable:PostgresConnectionString is empty: set Durable:PostgresConnectionString")]
    [InlineData("Postgres", "Host=db;Port=notaport", "Durable:PostgresConnectionString is not a PostgreSQL connection string")]
    public void A_store_that_is_not_configured_fails_at_start_naming_the_setting_and_the_fix(string provider, string? connectionString, string expected)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddOptions<DurableBackendOptions>().Configure(o =>
        {
            o.Provider = provider;
            o.PostgresConnectionString = connectionString;
        });
        using var provided = services.AddDurableBackendCore().BuildServiceProvider();

        var failed = Assert.Throws<StoreUnavailableException>(() => provided.GetRequiredService<IBackendStore>());

        Assert.Contains(expected, failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_backend_server_exits_with_one_line_when_its_database_cannot_be_reached()
    {
        var closedPort = FreeLoopbackPort();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "durable-backend.dll"), "--urls", "http://127.0.0.1:0",
            "--postgres", $"Host=127.0.0.1;Port={closedPort};Username=durable;Password=secret;Database=durable;Timeout=5",
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var server = Process.Start(start)!;
        var output = server.StandardOutput.ReadToEndAsync();
        var error = server.StandardError.ReadToEndAsync();
        await server.WaitForExitAsync().WaitAsync(Waits.Deadline);

        var lines = (await error).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(3, server.ExitCode);
        var line = Assert.Single(lines);
        Assert.StartsWith($"durable-backend: Cannot open the PostgreSQL store 127.0.0.1:{closedPort}/durable: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", line, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", await output, StringComparison.Ordinal);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<string> ShowAsync(string connectionString, string setting)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var show = new NpgsqlCommand($"SHOW {setting}", connection);
        return (string)(await show.ExecuteScalarAsync())!;
    }
}
