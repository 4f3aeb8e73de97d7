namespace Platform.Storage;

/// <summary>
/// Where one store keeps its data: the SQLite file, or the PostgreSQL database in which the store keeps its own schema.
/// </summary>
/// <param name="provider">Which of the two the store uses.</param>
/// <param name="sqlitePath">The SQLite file; known on PostgreSQL too, where its folder still holds what lives beside it.</param>
/// <param name="postgresConnectionString">The PostgreSQL database (Npgsql syntax), if one is configured.</param>
/// <remarks>A class, not a record: a record's ToString would print the connection string's password.</remarks>
public sealed class StoreLocation(StorageProvider provider, string sqlitePath, string? postgresConnectionString)
{
    /// <summary>Which of the two the store uses.</summary>
    public StorageProvider Provider => provider;

    /// <summary>Whether the store is on PostgreSQL.</summary>
    public bool IsPostgres => provider == StorageProvider.Postgres;

    /// <summary>The SQLite file.</summary>
    public string SqlitePath => sqlitePath;

    /// <summary>The PostgreSQL database (Npgsql syntax), if one is configured.</summary>
    public string? PostgresConnectionString => postgresConnectionString;

    /// <summary>What keeps the store from being opened as configured, one line each naming the key and the fix; empty when nothing.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>A store in the SQLite file at <paramref name="path"/>.</summary>
    public static StoreLocation SqliteFile(string path) => new(StorageProvider.Sqlite, path, null);

    /// <summary>The provider and the file, never the connection string.</summary>
    public override string ToString() => this.IsPostgres ? "PostgreSQL" : $"SQLite {sqlitePath}";
}
