using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Platform.Storage.Migrations;

/// <summary>
/// Migrates every registered <see cref="IMigratedStore"/> while the host starts, in <see cref="IHostedLifecycleService.StartingAsync"/>:
/// before any hosted service's <c>StartAsync</c> and before the server listens, so nothing reads a store that is not
/// migrated yet. A store too new (<see cref="SchemaTooNewException"/>) or out of reach
/// (<see cref="StoreUnreachableAtStartException"/>) stops the start with exit code 3 and one line.
/// </summary>
public sealed class StoreMigrationsAtStart : IHostedLifecycleService
{
    private readonly IEnumerable<IMigratedStore> stores;

    /// <summary>Runs the migrations of <paramref name="stores"/>, in the order they were registered.</summary>
    public StoreMigrationsAtStart(IEnumerable<IMigratedStore> stores) => this.stores = stores;

    /// <inheritdoc />
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        foreach (var store in this.stores)
        {
            try
            {
                await store.MigrateAsync(cancellationToken);
            }
            catch (Exception e) when (StoreOutage.IsOutage(e))
            {
                // Exit code 3 with one line, as for the durable store, rather than a stack trace.
                throw new StoreUnreachableAtStartException(store.Description, e);
            }
        }
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Registering stores and their migration at start.</summary>
public static class StoreMigrationServiceCollectionExtensions
{
    /// <summary>Registers <typeparamref name="TStore"/> (a singleton registered by the caller) as a store the host migrates at start.</summary>
    public static IServiceCollection AddMigratedStore<TStore>(this IServiceCollection services)
        where TStore : class, IMigratedStore =>
        services.AddSingleton<IMigratedStore>(provider => provider.GetRequiredService<TStore>());

    /// <summary>
    /// Migrates every store registered with <see cref="AddMigratedStore{TStore}"/> as the host starts. A host calls it
    /// once, after any hosted service that must start first (the in-process durable backend opens its own store).
    /// </summary>
    public static IServiceCollection AddStoreMigrationsAtStart(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, StoreMigrationsAtStart>());
        return services;
    }
}
