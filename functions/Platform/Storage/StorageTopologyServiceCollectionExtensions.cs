using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Platform.Configuration;

namespace Platform.Storage;

/// <summary>The storage topology for every part that opens a store.</summary>
public static class StorageTopologyServiceCollectionExtensions
{
    /// <summary>
    /// Resolves the <see cref="StorageTopology"/> from <paramref name="configuration"/> and registers it, checked at start
    /// by <see cref="StorageTopologyValidator"/>; returns it for registrations that depend on it. Once added, later
    /// calls (the host's, the workflow library's, the dashboard's) return the same one.
    /// </summary>
    public static StorageTopology AddStorageTopology(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.FirstOrDefault(d => d.ServiceType == typeof(StorageTopology))?.ImplementationInstance is StorageTopology added)
        {
            return added;
        }

        var storage = StorageTopology.Resolve(configuration);
        services.AddSingleton(storage);
        services.AddValidatedInstance<StorageTopology, StorageTopologyValidator>(storage);
        return storage;
    }
}
