using System.Diagnostics;
using Durable.Backend.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.Storage;

namespace Durable.Backend.Tests.Settings;

/// <summary>
/// Where the backend keeps its store: the service hands it the storage topology's durable store; the backend server
/// takes --data or --postgres, else Durable:*. Provider settings are read as every other one is (StorageProviders).
/// </summary>
public sealed class StoreLocationTests
{
    [Fact]
    public void Service_SharedPostgres_IsTheBackendsStoreWithItsOtherDurableSettings()
    {
        var options = InProcessOptions(("Storage:Provider", "Postgres"), ("ConnectionStrings:Postgres", "Host=db;Database=care"),
            ("Durable:DatabasePath", "/elsewhere/durable.db"), ("Durable:MaxDequeueCount", "3"));

        Assert.Equal(("Postgres", "Host=db;Database=care", 3), (options.Provider, options.PostgresConnectionString, options.MaxDequeueCount));
    }

    [Fact]
    public void Service_Sqlite_IsDurableDbInTheStorageDirectory()
    {
        var options = InProcessOptions(("Storage:Directory", "/srv/ct"), ("Durable:DatabasePath", "/elsewhere/durable.db"));

        Assert.Equal(("Sqlite", "/srv/ct/durable.db"), (options.Provider, options.DatabasePath));
    }

    [Fact]
    public void Service_UnknownDurableProvider_IsOneLineAtStart()
    {
        var refused = Assert.Throws<OptionsValidationException>(() => InProcessOptions(("Durable:Provider", "Oracle")));

        Assert.Equal("Durable:Provider='Oracle' is not a store: use Sqlite (the default) or Postgres.", Assert.Single(refused.Failures));
    }

    [Theory]
    [InlineData("Postgres", null, "Durable:PostgresConnectionString is not set")]
    [InlineData("Sqlite", " ", "Durable:DatabasePath is not set")]
    [InlineData("MySql", null, "Durable:Provider='MySql' is not a store")]
    public void Validator_StoreWithoutWhatItNeeds_NamesTheKey(string provider, string? databasePath, string expected)
    {
        var options = new DurableBackendOptions { Provider = provider, DatabasePath = databasePath ?? "data/durable.db" };

        var result = new DurableBackendOptionsValidator().Validate(null, options);

        Assert.StartsWith(expected, Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postgresql")]
    [InlineData(" POSTGRES ")]
    public void Validator_ProviderInAnyCase_IsRead(string provider) =>
        Assert.True(new DurableBackendOptionsValidator().Validate(null, new DurableBackendOptions { Provider = provider, PostgresConnectionString = "Host=db" }).Succeeded);

    [Fact]
    public async Task The_backend_server_keeps_durable_db_in_the_data_folder()
    {
        var data = Directory.CreateTempSubdirectory("durable-server-").FullName;
        try
        {
            using var server = StartServer("--data", data);
            var deadline = DateTime.UtcNow + Waits.Deadline;
            while (!File.Exists(Path.Combine(data, "durable.db")) && !server.HasExited && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }

            var created = File.Exists(Path.Combine(data, "durable.db"));
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            Assert.True(created, await server.StandardError.ReadToEndAsync());
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task The_backend_server_refuses_both_stores_at_once()
    {
        using var server = StartServer("--data", Path.GetTempPath(), "--postgres", "Host=127.0.0.1;Database=durable");
        var error = await server.StandardError.ReadToEndAsync();
        await server.WaitForExitAsync().WaitAsync(Waits.Deadline);

        Assert.Equal(3, server.ExitCode);
        Assert.Equal("durable-backend: Both --data (SQLite) and --postgres (PostgreSQL) are given: choose one store.", error.Trim());
    }

    private static DurableBackendOptions InProcessOptions(params (string Key, string? Value)[] settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, s.Value))).Build();
        var services = new ServiceCollection();
        services.AddInProcessDurableBackend(configuration.GetSection("Durable"), StorageTopology.Resolve(configuration).Durable);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<DurableBackendOptions>>().Value;
    }

    private static Process StartServer(params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])[Path.Combine(AppContext.BaseDirectory, "durable-backend.dll"), "--urls", "http://127.0.0.1:0", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }
}
