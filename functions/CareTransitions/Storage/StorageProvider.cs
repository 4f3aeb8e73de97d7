using CareTransitions.Configuration;

namespace CareTransitions.Storage;

/// <summary>Where the app data lives: <c>Storage:Provider</c>.</summary>
internal enum StorageProvider
{
    /// <summary>Embedded files in <c>Storage:Directory</c>, for one service instance.</summary>
    Sqlite,

    /// <summary>One PostgreSQL database (<c>ConnectionStrings:Postgres</c>) shared by any number of service instances.</summary>
    Postgres,
}

internal static class StorageProviders
{
    public static StorageProvider Parse(string? provider) => TryParse(provider, out var parsed) ? parsed : throw new StorageConfigurationException(
        $"Storage:Provider is \"{provider}\": use \"Sqlite\" (the default, files in Storage:Directory) or \"Postgres\" (with ConnectionStrings:Postgres).");

    public static bool TryParse(string? provider, out StorageProvider parsed)
    {
        StorageProvider? known = provider?.Trim().ToUpperInvariant() switch
        {
            null or "" or "SQLITE" => StorageProvider.Sqlite,
            "POSTGRES" or "POSTGRESQL" => StorageProvider.Postgres,
            _ => null,
        };
        parsed = known ?? StorageProvider.Sqlite;
        return known is not null;
    }

    /// <exception cref="StorageConfigurationException">An unknown provider, or Postgres without a connection string.</exception>
    public static void Validate(StorageOptions storage)
    {
        if (Parse(storage.Provider) == StorageProvider.Postgres && string.IsNullOrWhiteSpace(storage.PostgresConnectionString))
        {
            throw new StorageConfigurationException(
                "Storage:Provider is \"Postgres\" but ConnectionStrings:Postgres is empty: give it, e.g. --ConnectionStrings:Postgres=\"Host=db;Database=care;Username=care;Password=…\".");
        }
    }
}

/// <summary>The stores cannot be used as configured (an unknown provider, a missing connection string). The message says what to do, in one line.</summary>
public sealed class StorageConfigurationException(string message) : Platform.Hosting.StartRefusedException(Platform.Hosting.ExitCodes.StoreUnavailable, message);
