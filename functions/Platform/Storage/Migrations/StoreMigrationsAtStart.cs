using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Platform.Storage.Migrations;

/// <summary>
/// Migrates every registered <see cref="IMigratedStore"/> while the host starts, in <see cref="IHostedLifecycleService.StartingAsync"/>:
/// before any hosted service's <c>StartAsync</c> and before the server listens, so nothing reads a store that is not
/// migrated yet. A failure stops the start (a <see cref="SchemaTooNewException"/>: exit code 3).
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
            await store.MigrateAsync(cancellationToken);
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
