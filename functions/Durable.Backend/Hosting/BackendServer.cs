using Durable.Backend.Grpc;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Durable.Backend.Hosting;

/// <summary>The backend as a gRPC server: the same in the service's process and as its own process.</summary>
public static class BackendServer
{
    /// <summary>Largest message a worker may send: the SDK chunks orchestration completions at 3.9 MB, but not activity results.</summary>
    public const int MaxReceiveMessageBytes = 16 * 1024 * 1024;

    /// <summary>gRPC, the store, the dispatcher and the background upkeep (lease renewal, retention).</summary>
    public static IServiceCollection AddDurableBackendServer(this IServiceCollection services)
    {
        services.AddGrpc(o =>
        {
            o.MaxReceiveMessageSize = MaxReceiveMessageBytes;
            o.MaxSendMessageSize = null;
            o.EnableDetailedErrors = true;
            o.Interceptors.Add<StoreFailureInterceptor>();
        });
        return services.AddDurableBackendCore();
    }

    /// <summary>Opens the store now, so a file that cannot be used stops the start instead of failing the first call.</summary>
    /// <exception cref="Storage.IncompatibleStoreException">The file was written by the engine from before the move to the Durable Task SDK, or is in use.</exception>
    /// <exception cref="Platform.Storage.Migrations.SchemaTooNewException">The store has a newer backend's schema.</exception>
    /// <exception cref="Storage.StoreUnavailableException">The store is not configured, or its database cannot be reached.</exception>
    public static void OpenStore(this IServiceProvider services) => services.GetRequiredService<Storage.IBackendStore>();

    /// <summary>Maps the sidecar protocol (TaskHubSidecarService).</summary>
    public static IEndpointRouteBuilder MapDurableBackend(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<TaskHubSidecar>();
        return endpoints;
    }
}
