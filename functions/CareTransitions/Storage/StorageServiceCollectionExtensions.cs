using CareTransitions.Audit;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace CareTransitions.Storage;

internal static class StorageServiceCollectionExtensions
{
    /// <summary>The app store (app.db or the PostgreSQL schema app), migrated at start, and the audit trail written to it.</summary>
    public static IServiceCollection AddAppStorage(this IServiceCollection services, StorageTopology storage)
    {
        services.AddSingleton<AppDatabase>();
        services.AddHostedService<AppSchemaAtStart>();
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

    /// <summary>Creates or migrates the schema when the service starts, so a schema it cannot use stops the start.</summary>
    private sealed class AppSchemaAtStart(AppDatabase database) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => database.MigrateAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
