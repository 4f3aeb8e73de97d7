using Platform.Hosting;

namespace Platform.Storage.Migrations;

/// <summary>A store could not be reached to migrate it at start: exit code 3, one line naming the store and the fix.</summary>
public sealed class StoreUnreachableAtStartException(string store, Exception innerException)
    : StartRefusedException(
        ExitCodes.StoreUnavailable,
        $"the {store} cannot be reached ({innerException.GetType().Name}: {innerException.Message}): start the database, or correct its connection string (ConnectionStrings:Postgres, Statistics:PostgresConnectionString) or path.",
        innerException);
