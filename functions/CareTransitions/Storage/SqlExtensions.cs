using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace CareTransitions.Storage;

/// <summary>
/// Just enough of Dapper's shape for a handful of queries, on either provider. Parameters are written
/// <c>@Name</c> in the SQL (both SQLite and Npgsql accept that) and taken from an anonymous object's properties.
/// </summary>
internal static class SqlExtensions
{
    public static async Task<int> ExecuteAsync(
        this DbConnection connection, string sql, object? parameters = null,
        DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        await using var command = Create(connection, sql, parameters, transaction);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<T?> QuerySingleOrDefaultAsync<T>(
        this DbConnection connection, string sql, object? parameters, Func<DbDataReader, T> map,
        DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        await using var command = Create(connection, sql, parameters, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? map(reader) : default;
    }

    public static async Task<List<T>> QueryAsync<T>(
        this DbConnection connection, string sql, object? parameters, Func<DbDataReader, T> map,
        CancellationToken cancellationToken = default)
    {
        await using var command = Create(connection, sql, parameters, null);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    /// <summary>A time column: round-trip ISO-8601 UTC text in SQLite, <c>timestamptz</c> in PostgreSQL.</summary>
    public static DateTimeOffset GetTime(this DbDataReader reader, int ordinal) => reader.GetValue(ordinal) switch
    {
        string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture),
        DateTime utc => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)),
        DateTimeOffset time => time,
        var other => throw new InvalidCastException($"Column {reader.GetName(ordinal)} holds {other.GetType().Name}, not a time."),
    };

    private static DbCommand Create(DbConnection connection, string sql, object? parameters, DbTransaction? transaction)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        if (parameters is not null)
        {
            foreach (var property in parameters.GetType().GetProperties())
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@" + property.Name;
                parameter.Value = ToDb(connection, property.GetValue(parameters));
                command.Parameters.Add(parameter);
            }
        }

        return command;
    }

    // IMPORTANT: SQLite has no time type; times are stored as round-trip UTC text, which sorts correctly and is
    // what every existing app.db holds. PostgreSQL gets a UTC timestamptz.
    private static object ToDb(DbConnection connection, object? value) => value switch
    {
        null => DBNull.Value,
        DateTimeOffset time when connection is SqliteConnection => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset time => time.ToUniversalTime(),
        _ => value,
    };
}
