using Platform.Storage;

namespace Durable.Backend.Hosting;

/// <summary>
/// Settings of the backend. The service binds them from the configuration section <c>Durable</c>
/// (keys that the engine from before the move to the Durable Task SDK read keep their meaning).
/// </summary>
public sealed class DurableBackendOptions
{
    /// <summary>The store: <c>Sqlite</c> (the default, one backend process per file at <see cref="DatabasePath"/>) or <c>Postgres</c>
    /// (any number of backend processes on the database at <see cref="PostgresConnectionString"/>), read by <see cref="StorageProviders"/>.</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>The SQLite database file (created with its folder on first start).</summary>
    public string DatabasePath { get; set; } = Path.Combine("data", "durable.db");

    /// <summary>The PostgreSQL database when <see cref="Provider"/> is <c>Postgres</c> (Npgsql syntax, e.g. <c>Host=db;Database=durable;Username=durable;Password=…</c>);
    /// the backend creates its schema <c>durable</c> in it.</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>Orchestration work items one worker connection holds at once (the SDK starts every item it receives); on
    /// PostgreSQL an orchestration whose lease the backend keeps while its activities run counts as one.</summary>
    public int MaxConcurrentOrchestrations { get; set; } = 64;

    /// <summary>Activity work items one worker connection holds at once.</summary>
    public int MaxConcurrentActivities { get; set; } = 64;

    /// <summary>How long a worker owns leased work before it may be handed to another; renewed while the worker runs it.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often to look for work that another process wrote to the same store (own work wakes at once).</summary>
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Attempts after which a message or task that keeps failing is set aside, with its reason kept.</summary>
    public int MaxDequeueCount { get; set; } = 10;

    /// <summary>Finished instances older than this are purged automatically; <c>null</c> keeps them.</summary>
    public TimeSpan? CompletedInstanceRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often the stream sends a health ping (the SDK reconnects after 120 s of silence).</summary>
    public TimeSpan HealthPingInterval { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Puts the store where <paramref name="store"/> is: its provider, file and connection string.</summary>
    public DurableBackendOptions UseStore(StoreLocation store)
    {
        ArgumentNullException.ThrowIfNull(store);
        this.Provider = store.Provider.ToString();
        this.DatabasePath = store.SqlitePath;
        this.PostgresConnectionString = store.PostgresConnectionString;
        return this;
    }
}
