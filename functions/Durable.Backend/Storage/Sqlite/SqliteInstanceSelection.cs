namespace Durable.Backend.Storage.Sqlite;

/// <summary>An <see cref="InstanceSelection"/> in SQLite's SQL, over the Instances table.</summary>
internal static class SqliteInstanceSelection
{
    /// <summary>"WHERE …" (empty when it selects every row) and its parameters.</summary>
    public static (string Where, (string Name, object? Value)[] Parameters) Sql(InstanceSelection selection)
    {
        var where = new WhereClause();
        if (selection.Statuses is { } statuses)
        {
            // SQLite binds no arrays: one parameter per status.
            where.Add(
                $"RuntimeStatus IN ({string.Join(", ", statuses.Select((_, i) => "$s" + i))})",
                [.. statuses.Select((status, i) => ("$s" + i, (object?)status))]);
        }

        where.When(selection.InstanceId, "InstanceId = $id", "$id")
            .When(selection.IdPrefixPattern, "InstanceId LIKE $prefix ESCAPE '\\'", "$prefix")
            .When(selection.CreatedFrom, "CreatedAt >= $from", "$from")
            .When(selection.CreatedTo, "CreatedAt <= $to", "$to")
            .When(selection.CompletedBefore, "CompletedAt < $before", "$before");
        if (selection.After is { } after)
        {
            where.Add("(CreatedAt > $afterCreated OR (CreatedAt = $afterCreated AND InstanceId > $afterId))", ("$afterCreated", after.CreatedAt), ("$afterId", after.InstanceId));
        }

        return where.ToSql();
    }
}
