namespace Platform.Storage;

/// <summary>Where a store keeps its data.</summary>
public enum StorageProvider
{
    /// <summary>An embedded file, for one process.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database shared by any number of processes, each store in a schema of its own.</summary>
    Postgres,
}

/// <summary>The one reading of a provider setting: <c>Storage:Provider</c>, <c>Statistics:Provider</c>, <c>Durable:Provider</c>.</summary>
public static class StorageProviders
{
    /// <summary>
    /// <c>Sqlite</c> or <c>Postgres</c> (also <c>PostgreSQL</c>), in any case and with spaces around; unset or empty is
    /// <see cref="StorageProvider.Sqlite"/>, the default. Anything else is false, with <see cref="StorageProvider.Sqlite"/>.
    /// </summary>
    public static bool TryParse(string? text, out StorageProvider provider)
    {
        StorageProvider? known = text?.Trim().ToUpperInvariant() switch
        {
            null or "" or "SQLITE" => StorageProvider.Sqlite,
            "POSTGRES" or "POSTGRESQL" => StorageProvider.Postgres,
            _ => null,
        };
        provider = known ?? StorageProvider.Sqlite;
        return known is not null;
    }
}
