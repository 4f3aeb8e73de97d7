namespace Durable.Backend.Storage.Sqlite;

/// <summary>An <see cref="InstanceSelection"/> in SQLite's SQL, over the Instances table.</summary>
internal static class SqliteInstanceSelection
{
    /// <summary>"WHERE …" (empty when it selects every row) and its parameters.</summary>
    public static (string Where, (string Name, object? Value)[] Parameters) Sql(InstanceSelection selection)
    {
        var where = new List<string>();
        var parameters = new List<(string, object?)>();
        void Add(object? value, string clause, string name)
        {
            if (value is not null)
            {
                where.Add(clause);
                parameters.Add((name, value));
            }
        }

        if (selection.Statuses is { } statuses)
        {
            // SQLite binds no arrays: one parameter per status.
            where.Add($"RuntimeStatus IN ({string.Join(", ", statuses.Select((_, i) => "$s" + i))})");
            parameters.AddRange(statuses.Select((status, i) => ("$s" + i, (object?)status)));
        }

        Add(selection.InstanceId, "InstanceId = $id", "$id");
        Add(selection.IdPrefixPattern, "InstanceId LIKE $prefix ESCAPE '\\'", "$prefix");
        Add(selection.CreatedFrom, "CreatedAt >= $from", "$from");
        Add(selection.CreatedTo, "CreatedAt <= $to", "$to");
        Add(selection.CompletedBefore, "CompletedAt < $before", "$before");
        if (selection.After is { } after)
        {
            where.Add("(CreatedAt > $afterCreated OR (CreatedAt = $afterCreated AND InstanceId > $afterId))");
            parameters.Add(("$afterCreated", after.CreatedAt));
            parameters.Add(("$afterId", after.InstanceId));
        }

        return (where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : string.Empty, parameters.ToArray());
    }
}
