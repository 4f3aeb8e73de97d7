namespace Durable.Backend.Storage.Postgres;

/// <summary>An <see cref="InstanceSelection"/> in PostgreSQL's SQL, over durable.instances.</summary>
internal static class PostgresInstanceSelection
{
    /// <summary>
    /// "WHERE …" (empty when it selects every row) and its parameters. LIKE needs no ESCAPE clause: backslash is
    /// PostgreSQL's default escape character.
    /// </summary>
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

        Add(selection.Statuses, "runtime_status = ANY(@statuses)", "statuses");
        Add(selection.InstanceId, "instance_id = @id", "id");
        Add(selection.IdPrefixPattern, "instance_id LIKE @prefix", "prefix");
        Add(selection.CreatedFrom, "created_at >= @from", "from");
        Add(selection.CreatedTo, "created_at <= @to", "to");
        Add(selection.CompletedBefore, "completed_at < @before", "before");
        if (selection.After is { } after)
        {
            where.Add("(created_at, instance_id) > (@afterCreated, @afterId)");
            parameters.Add(("afterCreated", after.CreatedAt));
            parameters.Add(("afterId", after.InstanceId));
        }

        return (where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : string.Empty, parameters.ToArray());
    }
}
