using Durable.Backend.Hosting;
using Durable.Backend.Storage;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Platform.Hosting;
using Platform.Storage;

// dotnet run -c Release --project functions/Durable.Backend.Server -- --urls http://127.0.0.1:4001 --data ./data
// dotnet run -c Release --project functions/Durable.Backend.Server -- --urls http://127.0.0.1:4001 --postgres "Host=db;Database=durable;Username=durable"
// Settings: --data <folder> (SQLite: durable.db inside it), or --postgres "<connection string>" (PostgreSQL: any number of
// backend processes may share the database), and any Durable:* key (Durable:MaxConcurrentActivities=…).
// Exit codes (ProgramRun, as the service's): 2 the store was written by the engine from before the Durable Task SDK or
// is in use by another backend; 3 the store is not configured, cannot be reached, or has a schema newer than this release.
return await ProgramRun.RunAsync("durable-backend", async () =>
{
    var builder = WebApplication.CreateBuilder(args);
    var data = builder.Configuration["data"];
    var postgres = builder.Configuration["postgres"];
    if (data is { Length: > 0 } && postgres is { Length: > 0 })
    {
        throw new StoreUnavailableException("Both --data (SQLite) and --postgres (PostgreSQL) are given: choose one store.");
    }

    // Neither: Durable:Provider (read as every provider setting is, StorageProviders), DatabasePath, PostgresConnectionString.
    builder.Services.AddOptions<DurableBackendOptions>()
        .Bind(builder.Configuration.GetSection("Durable"))
        .Configure(o =>
        {
            if (postgres is { Length: > 0 })
            {
                o.UseStore(new StoreLocation(StorageProvider.Postgres, o.DatabasePath, postgres));
            }
            else if (data is { Length: > 0 })
            {
                o.UseStore(StoreLocation.SqliteFile(Path.Combine(data, "durable.db")));
            }
        });
    // gRPC without TLS (h2c) on the given URLs: put it behind a TLS proxy or keep it on loopback / a private network.
    builder.WebHost.ConfigureKestrel(k => k.ConfigureEndpointDefaults(listen => listen.Protocols = HttpProtocols.Http2));
    builder.Services.AddDurableBackendServer();

    var app = builder.Build();
    app.MapDurableBackend();
    // The store opened and migrated before anything is served: one it cannot use stops the start here.
    app.Services.OpenStore();
    await app.RunAsync();
});
