using Durable.Backend.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CareTransitions;

/// <summary>
/// One start-up line that says which address serves what: the service's own (from <c>--urls</c>, <c>ASPNETCORE_URLS</c>
/// or Kestrel's settings) and the private Unix socket of the durable backend in this process, which is no second service.
/// </summary>
internal static partial class ServingAddresses
{
    public static WebApplication LogServingAddressesWhenStarted(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var backend = app.Services.GetRequiredService<InProcessBackendHost>();
            Serving(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CareTransitions.Service"), string.Join(", ", addresses), backend.SocketPath);
        });
        return app;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "The service answers on {Addresses}; its durable backend, private to this process, on unix:{Socket}")]
    private static partial void Serving(ILogger logger, string addresses, string socket);
}
