using CareTransitions.Audit;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Platform.Storage.Migrations;

namespace CareTransitions.Storage;

internal static class StorageServiceCollectionExtensions
{
    /// <summary>The app store (app.db or the PostgreSQL schema app), migrated as the host starts, and the audit trail written to it.</summary>
    public static IServiceCollection AddAppStorage(this IServiceCollection services, StorageTopology storage)
    {
        services.AddSingleton<AppDatabase>();
        services.AddMigratedStore<AppDatabase>();
        services.AddSingleton<AuditLog>();
        if (storage.App.IsPostgres)
        {
            // IMPORTANT: one application name and one key ring for every instance on the database.
            services.AddDataProtection().SetApplicationName("care-transitions");
            services.AddOptions<KeyManagementOptions>().Configure<AppDatabase, IServiceProvider>((o, database, provider) =>
            {
                o.XmlRepository = new DataProtectionKeyStore(database);
                // Encrypted at rest: a key read from the table alone would forge session and antiforgery cookies.
                o.XmlEncryptor = new KeyRingEncryptor(provider);
            });
        }

        return services;
    }
}
