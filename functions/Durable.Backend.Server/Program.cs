using Durable.Backend.Hosting;
using Durable.Backend.Storage;
using Microsoft.AspNetCore.Server.Kestrel.Core;

// dotnet run -c Release --project functions/Durable.Backend.Server -- --urls http://127.0.0.1:4001 --data ./data
// Settings: --data <folder> (durable.db inside it), or any Durable:* key (Durable:MaxConcurrentActivities=…).
try
{
    var builder = WebApplication.CreateBuilder(args);
    var data = builder.Configuration["data"];
    builder.Services.AddOptions<DurableBackendOptions>()
        .Bind(builder.Configuration.GetSection("Durable"))
        .Configure(o => o.DatabasePath = data is { Length: > 0 } ? Path.Combine(data, "durable.db") : o.DatabasePath);
    // gRPC without TLS (h2c) on the given URLs: put it behind a TLS proxy or keep it on loopback / a private network.
    builder.WebHost.ConfigureKestrel(k => k.ConfigureEndpointDefaults(listen => listen.Protocols = HttpProtocols.Http2));
    builder.Services.AddDurableBackendServer();

    var app = builder.Build();
    app.MapDurableBackend();
    app.Services.OpenStore();
    await app.RunAsync();
    return 0;
}
catch (IncompatibleStoreException e)
{
    Console.Error.WriteLine($"durable-backend: {e.Message}");
    return 2;
}
