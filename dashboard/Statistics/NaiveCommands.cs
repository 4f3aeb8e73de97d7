using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Dashboard.Statistics;

/// <summary>Runs the naive query's SQL with the filter bound as parameters (never spliced into the text).</summary>
internal sealed class NaiveCommands(SqliteConnection connection, SqliteTransaction transaction, StatisticsFilter filter)
{
    public string Where { get; } = string.Join(" AND ", new[]
    {
        "o.end_day BETWEEN $from AND $to",
        filter.Municipality is null ? null : "o.municipality_code = $municipality",
        filter.Ward is null ? null : "o.ward_hsa_id = $ward",
        filter.CareType is null ? null : "o.care_type = $care_type",
        filter.NeedsMask == 0 ? null : "(o.needs & $needs) = $needs",
    }.Where(c => c is not null));

    public void Episodes(string sql, Action<object, long[]> onRow) => Rows(sql, r =>
    {
        var sums = new long[15];
        for (var i = 0; i < sums.Length; i++)
        {
            sums[i] = r.IsDBNull(i) ? 0 : r.GetInt64(i);
        }
        onRow(r.GetValue(15), sums);
    });

    public void Rows(string sql, Action<SqliteDataReader> onRow)
    {
        using var command = Create(sql);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            onRow(reader);
        }
    }

    public int? Minutes(string sql, long offset)
    {
        using var command = Create(sql);
        command.Parameters.AddWithValue("$offset", offset);
        return command.ExecuteScalar() is { } value and not DBNull ? Convert.ToInt32(value, CultureInfo.InvariantCulture) : null;
    }

    public static List<KeyValuePair<string, string>> Pairs(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var pairs = new List<KeyValuePair<string, string>>();
        while (reader.Read())
        {
            pairs.Add(new(reader.GetString(0), reader.GetString(1)));
        }
        return pairs;
    }

    private SqliteCommand Create(string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$from", filter.FromDay);
        command.Parameters.AddWithValue("$to", filter.ToDay);
        command.Parameters.AddWithValue("$municipality", (object?)filter.Municipality ?? DBNull.Value);
        command.Parameters.AddWithValue("$ward", (object?)filter.Ward ?? DBNull.Value);
        command.Parameters.AddWithValue("$care_type", (object?)filter.CareType ?? DBNull.Value);
        command.Parameters.AddWithValue("$needs", filter.NeedsMask);
        command.Parameters.AddWithValue("$compare", filter.CompareDate?.DayNumber ?? 0);
        return command;
    }
}
