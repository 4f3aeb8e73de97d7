using Microsoft.Extensions.Configuration;
using Npgsql;
using Platform.Configuration;

namespace Platform.Storage;

/// <summary>
/// How each store's keys place it, and which of them wins. The statistics and the durable store follow the app data
/// onto PostgreSQL unless their own keys say otherwise; on SQLite each has its file in <c>Storage:Directory</c>.
/// </summary>
internal static class StoreLocations
{
    /// <summary><c>Storage:Provider</c> and, on PostgreSQL, <c>ConnectionStrings:Postgres</c>: app.db in the directory, or that database.</summary>
    public static StoreLocation App(string? providerSetting, string directory, string? shared)
    {
        var problems = new SettingProblems();
        if (!StorageProviders.TryParse(providerSetting, out var provider))
        {
            problems.Bad("Storage:Provider", providerSetting, "is not a store: use Sqlite (the default, files in Storage:Directory) or Postgres (with ConnectionStrings:Postgres).");
        }
        else if (provider == StorageProvider.Postgres)
        {
            // The connection string holds a password: never echoed, only what is wrong with it.
            if (string.IsNullOrWhiteSpace(shared))
            {
                problems.Missing("ConnectionStrings:Postgres", "Storage:Provider is Postgres; give it, e.g. --ConnectionStrings:Postgres=\"Host=db;Database=care;Username=care;Password=…\".");
            }
            else if (Unreadable(shared) is { } reason)
            {
                problems.BadSecret("ConnectionStrings:Postgres", $"cannot be read ({reason})", "write it in Npgsql's form, e.g. Host=db;Database=care;Username=care;Password=….");
            }
        }

        return new StoreLocation(provider, Path.Combine(directory, "app.db"), shared) { Problems = problems.Lines };
    }

    /// <summary>
    /// <c>Statistics:DatabasePath</c> (default statistics.db in the directory); <c>Statistics:Provider</c>, unset: the
    /// app data's, with <c>ConnectionStrings:Postgres</c> unless <c>Statistics:PostgresConnectionString</c> is given.
    /// </summary>
    public static StoreLocation Statistics(IConfigurationSection statistics, string directory, StoreLocation app, string? shared)
    {
        var problems = new SettingProblems();
        var path = NonBlank(statistics["DatabasePath"]) ?? Path.Combine(directory, "statistics.db");
        var connection = NonBlank(statistics["PostgresConnectionString"]);
        var provider = StorageProvider.Sqlite;
        if (NonBlank(statistics["Provider"]) is not { } setting)
        {
            provider = app.Provider;
            connection ??= app.IsPostgres ? NonBlank(shared) : null;
        }
        else if (!StorageProviders.TryParse(setting, out provider))
        {
            problems.Bad("Statistics:Provider", setting, "is not a store: use Sqlite (the default) or Postgres, or leave it unset to follow Storage:Provider.");
        }

        if (provider == StorageProvider.Postgres && connection is null)
        {
            problems.Missing("Statistics:PostgresConnectionString", "Statistics:Provider is Postgres; give it, or leave both unset to follow Storage:Provider and ConnectionStrings:Postgres.");
        }

        return new StoreLocation(provider, path, connection) { Problems = problems.Lines };
    }

    /// <summary>
    /// durable.db in the directory (the service's rule: <c>Durable:DatabasePath</c> is the backend server's), or, with
    /// the app data on PostgreSQL and <c>ConnectionStrings:Postgres</c> given, that database unless
    /// <c>Durable:PostgresConnectionString</c> names another; otherwise <c>Durable:Provider</c> decides.
    /// </summary>
    public static StoreLocation Durable(IConfigurationSection durable, string directory, StoreLocation app, string? shared)
    {
        var path = Path.Combine(directory, "durable.db");
        var connection = durable["PostgresConnectionString"];
        if (app.IsPostgres && shared is not null)
        {
            return new StoreLocation(StorageProvider.Postgres, path, connection ?? shared);
        }

        var problems = new SettingProblems();
        var setting = durable["Provider"];
        if (!StorageProviders.TryParse(setting, out var provider))
        {
            problems.Bad("Durable:Provider", setting, "is not a store: use Sqlite (the default) or Postgres.");
        }

        return new StoreLocation(provider, path, connection) { Problems = problems.Lines };
    }

    private static string? NonBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static string? Unreadable(string connectionString)
    {
        try
        {
            var parsed = new NpgsqlConnectionStringBuilder(connectionString);
            return string.IsNullOrWhiteSpace(parsed.Host) ? "no Host" : null;
        }
        catch (ArgumentException)
        {
            // Npgsql's message names the keyword it did not understand, and with an unquoted ';' in a password that
            // "keyword" is part of the password: say only what kind of trouble it is.
            return "not a list of keyword=value pairs Npgsql knows";
        }
    }
}
