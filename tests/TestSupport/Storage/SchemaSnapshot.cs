using System.Data.Common;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Testing.Storage;

/// <summary>
/// A store's schema as text, one line per table, column, index, constraint and function, so a store migrated from an
/// earlier release's file or database can be compared with a fresh one.
/// </summary>
public static class SchemaSnapshot
{
    /// <summary>Every object of a SQLite file as SQLite keeps its definition, and <c>PRAGMA user_version</c>.</summary>
    public static async Task<string> OfSqliteAsync(string path)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        return await LinesAsync(connection, "SELECT type, name, tbl_name, COALESCE(sql, '') FROM sqlite_master ORDER BY type, name")
            + await LinesAsync(connection, "SELECT 'user_version', user_version FROM pragma_user_version");
    }

    /// <summary>Every relation, column, index, constraint and function of one PostgreSQL schema.</summary>
    public static async Task<string> OfPostgresAsync(string connectionString, string schema)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        string[] queries =
        [
            "SELECT c.relname, c.relkind, COALESCE(array_to_string(c.reloptions, ','), '') FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = @schema ORDER BY 1",
            "SELECT table_name, column_name, data_type, is_nullable, COALESCE(column_default, ''), COALESCE(collation_name, ''), is_identity FROM information_schema.columns WHERE table_schema = @schema ORDER BY table_name, ordinal_position",
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = @schema ORDER BY indexname",
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(c.oid) FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = @schema ORDER BY 1, 2",
            "SELECT proname, pg_get_functiondef(p.oid) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = @schema ORDER BY 1",
        ];
        var text = new StringBuilder();
        foreach (var query in queries)
        {
            text.Append(await LinesAsync(connection, query, schema));
        }

        return text.ToString();
    }

    private static async Task<string> LinesAsync(DbConnection connection, string sql, string? schema = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (schema is not null)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "schema";
            parameter.Value = schema;
            command.Parameters.Add(parameter);
        }

        var text = new StringBuilder();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            text.AppendJoin(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))).Append('\n');
        }

        return text.ToString();
    }
}
