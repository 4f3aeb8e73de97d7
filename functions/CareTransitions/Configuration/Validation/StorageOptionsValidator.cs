using CareTransitions.Storage;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Configuration;

namespace CareTransitions.Configuration.Validation;

/// <summary><c>Storage:*</c> and <c>ConnectionStrings:Postgres</c>: a known provider, and on PostgreSQL a connection string Npgsql can read.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var problems = new SettingProblems();
        if (string.IsNullOrWhiteSpace(options.Directory))
        {
            problems.Missing("Storage:Directory", "give the folder for the data files, e.g. --Storage:Directory=/var/lib/care-transitions (the default is data).");
        }

        if (!StorageProviders.TryParse(options.Provider, out var provider))
        {
            problems.Bad("Storage:Provider", options.Provider, "is not a store: use Sqlite (the default, files in Storage:Directory) or Postgres (with ConnectionStrings:Postgres).");
        }
        else if (provider == StorageProvider.Postgres)
        {
            // The connection string holds a password: never echoed, only what is wrong with it.
            if (string.IsNullOrWhiteSpace(options.PostgresConnectionString))
            {
                problems.Missing("ConnectionStrings:Postgres", "Storage:Provider is Postgres; give it, e.g. --ConnectionStrings:Postgres=\"Host=db;Database=care;Username=care;Password=…\".");
            }
            else if (Unreadable(options.PostgresConnectionString) is { } reason)
            {
                problems.BadSecret("ConnectionStrings:Postgres", $"cannot be read ({reason})", "write it in Npgsql's form, e.g. Host=db;Database=care;Username=care;Password=….");
            }
        }

        return problems.ToResult();
    }

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
