using CareTransitions.Configuration;
using CareTransitions.Storage;

namespace CareTransitions.Functions;

/// <summary>Where the app's data may live on Azure Functions.</summary>
internal static class FunctionsAppStorage
{
    /// <summary>
    /// App data on PostgreSQL (<c>Storage__Provider=Postgres</c>, <c>ConnectionStrings__Postgres</c>), never SQLite:
    /// instances do not share a local disk, and SQLite's WAL does not work on the SMB share a Functions app could mount.
    /// SQLite stays allowed in Development, for a local run.
    /// </summary>
    /// <exception cref="StorageConfigurationException">Storage:Provider is Sqlite (or unset) outside Development.</exception>
    public static void RefuseSqliteOutsideDevelopment(IConfiguration configuration, IHostEnvironment environment)
    {
        if (!environment.IsDevelopment() && !configuration.GetStorageOptions().UsesPostgres)
        {
            throw new StorageConfigurationException(
                "The Functions app keeps its data in PostgreSQL: set Storage__Provider=Postgres and ConnectionStrings__Postgres (SQLite is for Development only).");
        }
    }
}
