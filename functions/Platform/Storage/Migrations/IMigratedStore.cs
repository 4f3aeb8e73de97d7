namespace Platform.Storage.Migrations;

/// <summary>A store whose schema the host migrates as it starts (<see cref="StoreMigrationsAtStart"/>), never on first use.</summary>
public interface IMigratedStore
{
    /// <summary>What the operator reads when the store cannot be reached at start, e.g. <c>app store (PostgreSQL db/care, schema app)</c>.</summary>
    string Description { get; }

    /// <summary>Brings the store's schema to this release's version (<see cref="SchemaMigrator"/>).</summary>
    /// <exception cref="SchemaTooNewException">The store's schema is newer than this release knows.</exception>
    Task MigrateAsync(CancellationToken cancellationToken);
}
