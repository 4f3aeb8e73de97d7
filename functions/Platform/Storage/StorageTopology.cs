using Microsoft.Extensions.Configuration;
using Platform.Configuration;

namespace Platform.Storage;

/// <summary>
/// Where every store of the service lives, resolved once from configuration (<see cref="Resolve"/>) and handed to each:
/// the app data (<c>app.db</c>, or schema <c>app</c>), the statistics (<c>statistics.db</c>, or schema <c>statistics</c>)
/// and the durable backend (<c>durable.db</c>, or schema <c>durable</c>). <c>Storage:Provider</c> and
/// <c>ConnectionStrings:Postgres</c> place all three; <c>Statistics:*</c> and <c>Durable:*</c> may place theirs elsewhere.
/// </summary>
/// <remarks>A class, not a record: a record's ToString would print the connection strings' passwords.</remarks>
public sealed class StorageTopology
{
    private StorageTopology(string directory, StoreLocation app, StoreLocation statistics, StoreLocation durable, IReadOnlyList<string> directoryProblems)
    {
        this.Directory = directory;
        this.App = app;
        this.Statistics = statistics;
        this.Durable = durable;
        this.Problems = [.. directoryProblems, .. app.Problems, .. statistics.Problems];
    }

    /// <summary><c>Storage:Directory</c>: the SQLite files, the development secrets and the mail pickup folder.</summary>
    public string Directory { get; }

    /// <summary>The app data: processed message ids, tokens, acknowledgements, sent emails, the audit trail.</summary>
    public StoreLocation App { get; }

    /// <summary>The outcomes the dashboard reads.</summary>
    public StoreLocation Statistics { get; }

    /// <summary>
    /// The durable backend's store when the service hosts it. Its problems (<see cref="StoreLocation.Problems"/>) are the
    /// backend's to report, and are not in <see cref="Problems"/>: a host without our backend does not read <c>Durable:*</c>.
    /// </summary>
    public StoreLocation Durable { get; }

    /// <summary>What keeps the app data or the statistics from being opened as configured: one line each, naming the key and the fix.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>
    /// Reads <c>Storage:Directory</c> (default <c>data</c>), <c>Storage:Provider</c> (default <c>Sqlite</c>),
    /// <c>ConnectionStrings:Postgres</c>, <c>Statistics:DatabasePath</c>, <c>Statistics:Provider</c>,
    /// <c>Statistics:PostgresConnectionString</c>, <c>Durable:Provider</c> and <c>Durable:PostgresConnectionString</c>.
    /// Creates nothing: <see cref="CreateStorageDirectory"/> does, once, at start.
    /// </summary>
    public static StorageTopology Resolve(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var directory = configuration["Storage:Directory"] ?? "data";
        var directoryProblems = new SettingProblems();
        if (string.IsNullOrWhiteSpace(directory))
        {
            directoryProblems.Missing("Storage:Directory", "give the folder for the data files, e.g. --Storage:Directory=/var/lib/care-transitions (the default is data).");
        }

        var shared = configuration.GetConnectionString("Postgres");
        var app = StoreLocations.App(configuration["Storage:Provider"], directory, shared);
        return new StorageTopology(
            directory,
            app,
            StoreLocations.Statistics(configuration.GetSection("Statistics"), directory, app, shared),
            StoreLocations.Durable(configuration.GetSection("Durable"), directory, app, shared),
            directoryProblems.Lines);
    }

    /// <summary>Creates <see cref="Directory"/> if it is missing; each SQLite store still creates its own file.</summary>
    public void CreateStorageDirectory()
    {
        if (!string.IsNullOrWhiteSpace(this.Directory))
        {
            System.IO.Directory.CreateDirectory(this.Directory);
        }
    }

    /// <summary>Each store's provider and file, never a connection string.</summary>
    public override string ToString() => $"app: {this.App}, statistics: {this.Statistics}, durable: {this.Durable}";
}
