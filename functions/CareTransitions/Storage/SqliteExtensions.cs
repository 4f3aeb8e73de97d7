using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace CareTransitions.Storage;

/// <summary>Just enough of Dapper's shape for a handful of queries.</summary>
internal static class SqliteExtensions
{
    public static async Task<int> ExecuteAsync(
        this SqliteConnection connection, string sql, object? parameters = null,
        SqliteTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        await using var command = Create(connection, sql, parameters, transaction);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<T?> QuerySingleOrDefaultAsync<T>(
        this SqliteConnection connection, string sql, object? parameters, Func<DbDataReader, T> map,
        SqliteTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        await using var command = Create(connection, sql, parameters, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? map(reader) : default;
    }

    public static async Task<List<T>> QueryAsync<T>(
        this SqliteConnection connection, string sql, object? parameters, Func<DbDataReader, T> map,
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

    /// <summary>Stores times as round-trip ISO-8601 UTC text, which sorts correctly.</summary>
    public static string ToDb(this DateTimeOffset value) => value.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture);

    public static DateTimeOffset GetTime(this DbDataReader reader, int ordinal) =>
        DateTimeOffset.Parse(reader.GetString(ordinal), System.Globalization.CultureInfo.InvariantCulture);

    private static SqliteCommand Create(SqliteConnection connection, string sql, object? parameters, SqliteTransaction? transaction)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        if (parameters is not null)
        {
            foreach (var property in parameters.GetType().GetProperties())
            {
                command.Parameters.AddWithValue("$" + property.Name, property.GetValue(parameters) ?? DBNull.Value);
            }
        }

        return command;
    }
}
