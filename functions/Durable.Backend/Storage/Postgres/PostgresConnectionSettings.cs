using System.Data.Common;
using System.Net.Sockets;
using Npgsql;

namespace Durable.Backend.Storage.Postgres;

/// <summary>
/// The connection strings the store uses, from <c>Durable:PostgresConnectionString</c>: a pooled one for
/// transactions, and an unpooled one with TCP keepalives for the listener, whose connection lives as long as the store.
/// </summary>
/// <remarks>A class, not a record: a record's ToString would print the password.</remarks>
internal sealed class PostgresConnectionSettings(string pooled, string leases, string listener, string description)
{
    private const string Key = "Durable:PostgresConnectionString";
    /// <summary>Connections a pool opens at most, unless the connection string says (Maximum Pool Size).</summary>
    internal const int DefaultMaxPoolSize = 10;

    private const string Fix = $"set {Key} (--postgres \"…\" for the backend server), e.g. \"Host=db;Port=5432;Database=durable;Username=durable;Password=…\"";

    public string Pooled => pooled;

    /// <summary>Pooled too, for writes a crash may lose without harm (leases): their commits do not wait for the disk.</summary>
    public string Leases => leases;

    public string Listener => listener;

    /// <summary>Host, port and database, for log lines and error messages.</summary>
    public string Description => description;

    /// <exception cref="StoreUnavailableException">The connection string is missing or not one.</exception>
    public static PostgresConnectionSettings From(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new StoreUnavailableException($"Durable:Provider is \"Postgres\" but {Key} is empty: {Fix}.");
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
        {
            throw new StoreUnavailableException($"{Key} is not a PostgreSQL connection string ({e.Message}): {Fix}.", e);
        }

        builder.ApplicationName ??= "durable-backend";
        // The backend keeps no session state on pooled connections (LISTEN has its own), so returning one to the
        // pool needs no DISCARD ALL, a round trip each time. A connection string that says otherwise wins.
        if (!connectionString.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase))
        {
            builder.NoResetOnClose = true;
        }

        // The store runs the same few dozen statements all day: prepared on each connection once, PostgreSQL
        // neither parses nor plans them again. A connection string that says otherwise wins.
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }

        // IMPORTANT: small pools. Each store has two (these transactions, and the leases below) and the listener's one
        // connection: 21 connections per service instance, so three instances leave room in PostgreSQL's default
        // max_connections of 100 for the app's own stores, and more connections did not make several instances faster
        // (measured in docs/durable-backend.md). A connection string that sets its own pool size wins.
        if (!Gives(connectionString, "MaxPoolSize", "MaximumPoolSize"))
        {
            builder.MaxPoolSize = DefaultMaxPoolSize;
        }

        // Those prepared statements then keep one generic plan each. Left to choose (auto), PostgreSQL plans every
        // execution again for its parameter values (a custom plan), which costs server time for nothing: the store's
        // statements find their rows by key or by index order, so the generic plan is the same plan. A connection
        // string that sets plan_cache_mode itself wins.
        builder.Options = UnlessGiven(builder.Options, "plan_cache_mode", "force_generic_plan");

        // IMPORTANT: and no generic plan may be a sequential scan. A connection makes each plan once, often while the
        // queue tables are nearly empty (a new database, a quiet hour), where scanning a page or two is cheapest; the plan
        // then stays as they grow, and under load reads every instance row for each lease taken, renewed or committed.
        // Every statement of the store finds its rows through an index; a query that has none still scans. A connection
        // string that sets enable_seqscan itself wins.
        builder.Options = UnlessGiven(builder.Options, "enable_seqscan", "off");

        // IMPORTANT: only leases go through here. A lease lost in a database crash is harmless: the step or result
        // stored under it is refused (its token no longer matches) and the work is leased again.
        var relaxed = new NpgsqlConnectionStringBuilder(builder.ConnectionString)
        {
            ApplicationName = builder.ApplicationName + " leases",
            Options = ((builder.Options ?? "") + " -c synchronous_commit=off").Trim(),
        };
        var listening = new NpgsqlConnectionStringBuilder(builder.ConnectionString)
        {
            Pooling = false,
            ApplicationName = builder.ApplicationName + " listener",
            TcpKeepAlive = true,
        };
        // Never the password: the description goes into log lines and error messages.
        var where = $"{builder.Host ?? "localhost"}:{builder.Port}/{builder.Database ?? builder.Username ?? "(default)"}";
        return new PostgresConnectionSettings(builder.ConnectionString, relaxed.ConnectionString, listening.ConnectionString, where);
    }

    /// <summary>Whether the connection string sets one of these keywords (compared without spaces, ignoring case).</summary>
    private static bool Gives(string connectionString, params string[] keywords) =>
        new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Any(key => keywords.Contains(key.Replace(" ", "", StringComparison.Ordinal), StringComparer.OrdinalIgnoreCase));

    /// <summary>The connection's server options with <c>-c name=value</c> added, unless they set that setting already.</summary>
    private static string UnlessGiven(string? options, string name, string value) =>
        (options ?? "").Contains(name, StringComparison.OrdinalIgnoreCase) ? options! : ((options ?? "") + $" -c {name}={value}").Trim();

    /// <summary>The one line to show when the database cannot be reached at start.</summary>
    public StoreUnavailableException Unreachable(Exception e)
    {
        var reason = e.InnerException is SocketException or TimeoutException or IOException ? $"{e.Message} ({e.InnerException.Message})" : e.Message;
        return new StoreUnavailableException(
            $"Cannot open the PostgreSQL store {this.Description}: {reason.TrimEnd('.')}. Check {Key} (--postgres for the backend server) and that the server accepts connections.",
            e);
    }
}
