using CareTransitions.Audit;

namespace CareTransitions.Storage;

internal static class StorageServiceCollectionExtensions
{
    /// <summary>app.db and the audit trail written to it.</summary>
    public static IServiceCollection AddAppStorage(this IServiceCollection services)
    {
        services.AddSingleton<AppDatabase>();
        services.AddSingleton<AuditLog>();
        return services;
    }
}
