using System.Globalization;
using System.Data.Common;

namespace Dashboard.Statistics;

/// <summary>Runs the naive query's SQL with the filter bound as parameters (never spliced into the text).</summary>
internal sealed class NaiveCommands(DbConnection connection, DbTransaction transaction, StatisticsFilter filter)
{
    public string Where { get; } = string.Join(" AND ", new[]
    {
        "o.end_day BETWEEN @from AND @to",
        filter.Municipality is null ? null : "o.municipality_code = @municipality",
        filter.Ward is null ? null : "o.ward_hsa_id = @ward",
        filter.CareType is null ? null : "o.care_type = @care_type",
        filter.NeedsMask == 0 ? null : "(o.needs & @needs) = @needs",
    }.Where(c => c is not null));

    public void Episodes(string sql, Action<object, long[]> onRow) => Rows(sql, r =>
    {
        var sums = new long[15];
        for (var i = 0; i < sums.Length; i++)
        {
            sums[i] = r.IsDBNull(i) ? 0 : Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture);
        }
        onRow(r.GetValue(15), sums);
    });

    public void Rows(string sql, Action<DbDataReader> onRow)
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
        Add(command, "@offset", offset);
        return command.ExecuteScalar() is { } value and not DBNull ? Convert.ToInt32(value, CultureInfo.InvariantCulture) : null;
    }

    public static List<KeyValuePair<string, string>> Pairs(DbConnection connection, string sql)
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

    private DbCommand Create(string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        Add(command, "@from", filter.FromDay);
        Add(command, "@to", filter.ToDay);
        Add(command, "@municipality", filter.Municipality);
        Add(command, "@ward", filter.Ward);
        Add(command, "@care_type", filter.CareType);
        Add(command, "@needs", filter.NeedsMask);
        Add(command, "@compare", filter.CompareDate?.DayNumber ?? 0);
        return command;
    }

    private static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
