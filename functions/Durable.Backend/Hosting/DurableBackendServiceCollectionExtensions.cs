using Durable.Backend.Dispatch;
using Durable.Backend.Grpc;
using Durable.Backend.Storage;
using Durable.Backend.Storage.Postgres;
using Durable.Backend.Storage.Sqlite;
using Durable.Backend.Telemetry;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Grpc;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Grpc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Storage;

namespace Durable.Backend.Hosting;

/// <summary>Hosting our backend in the service's own process, with Microsoft's worker and client connected to it.</summary>
public static class DurableBackendServiceCollectionExtensions
{
    /// <summary>
    /// Hosts the backend in this process on a private Unix domain socket (started before every other hosted
    /// service, so the worker finds it at once) and registers the channel Microsoft's worker and client use.
    /// </summary>
    public static IServiceCollection AddInProcessDurableBackend(this IServiceCollection services, Action<DurableBackendOptions>? configure = null)
    {
        // Every Durable:* value is checked when the host starts, before the store is opened.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DurableBackendOptions>, DurableBackendOptionsValidator>());
        var options = services.AddOptions<DurableBackendOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddSingleton<InProcessBackendHost>();
        services.AddHostedService(sp => sp.GetRequiredService<InProcessBackendHost>());
        return services;
    }

    /// <summary>Binds <see cref="DurableBackendOptions"/> from a configuration section (the service uses <c>Durable</c>).</summary>
    public static IServiceCollection AddInProcessDurableBackend(this IServiceCollection services, IConfiguration section, Action<DurableBackendOptions>? configure = null)
    {
        services.AddOptions<DurableBackendOptions>().Bind(section);
        return services.AddInProcessDurableBackend(configure);
    }

    /// <summary>
    /// Binds <see cref="DurableBackendOptions"/> from a configuration section, with the store where the service's
    /// storage topology put it (<see cref="StorageTopology.Durable"/>); what keeps that store from being opened is
    /// checked at start with the other <c>Durable:*</c> settings.
    /// </summary>
    public static IServiceCollection AddInProcessDurableBackend(this IServiceCollection services, IConfiguration section, StoreLocation store)
    {
        ArgumentNullException.ThrowIfNull(store);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DurableBackendOptions>>(new StoreLocationCheck(store)));
        return services.AddInProcessDurableBackend(section, o => o.UseStore(store));
    }

    /// <summary>Connects Microsoft's gRPC worker to the backend hosted by <see cref="AddInProcessDurableBackend(IServiceCollection, Action{DurableBackendOptions}?)"/>.</summary>
    public static IDurableTaskWorkerBuilder UseInProcessDurableBackend(this IDurableTaskWorkerBuilder builder)
    {
        builder.UseGrpc();
        builder.Services.AddOptions<GrpcDurableTaskWorkerOptions>(builder.Name)
            .Configure<InProcessBackendHost>((o, host) => o.Channel = host.Channel);
        return builder;
    }

    /// <summary>Connects Microsoft's gRPC client to the backend hosted in this process.</summary>
    public static IDurableTaskClientBuilder UseInProcessDurableBackend(this IDurableTaskClientBuilder builder)
    {
        builder.UseGrpc();
        builder.Services.AddOptions<GrpcDurableTaskClientOptions>(builder.Name)
            .Configure<InProcessBackendHost>((o, host) => o.Channel = host.Channel);
        return builder;
    }

    /// <summary>The store and the gRPC service, shared by the in-process host and the backend server.</summary>
    internal static IServiceCollection AddDurableBackendCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(OpenStore);
        services.AddSingleton<WorkItemDispatcher>();
        services.AddSingleton<TaskHubSidecar>();
        services.AddHostedService<BackendUpkeep>();
        services.AddBackendMetrics();
        return services;
    }

    /// <summary>The store <see cref="DurableBackendOptions.Provider"/> names.</summary>
    /// <exception cref="StoreUnavailableException">An unknown provider, or a store that is not configured or cannot be reached.</exception>
    private static IBackendStore OpenStore(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<DurableBackendOptions>>().Value;
        var clock = services.GetRequiredService<TimeProvider>();
        var loggers = services.GetRequiredService<ILoggerFactory>();
        if (!StorageProviders.TryParse(options.Provider, out var provider))
        {
            throw new StoreUnavailableException(
                $"Durable:Provider is \"{options.Provider}\": use \"Sqlite\" (the default, a file at Durable:DatabasePath) or \"Postgres\" (with Durable:PostgresConnectionString).");
        }

        return provider == StorageProvider.Postgres
            ? PostgresBackendStore.Open(options, clock, loggers)
            : SqliteBackendStore.Open(options, clock, loggers);
    }

    /// <summary>The problems of the store's place as the topology resolved it (an unknown <c>Durable:Provider</c>).</summary>
    private sealed class StoreLocationCheck(StoreLocation store) : IValidateOptions<DurableBackendOptions>
    {
        public ValidateOptionsResult Validate(string? name, DurableBackendOptions options) =>
            store.Problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(store.Problems);
    }
}
