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
        var where = new WhereClause()
            .When(selection.Statuses, "runtime_status = ANY(@statuses)", "statuses")
            .When(selection.InstanceId, "instance_id = @id", "id")
            .When(selection.IdPrefixPattern, "instance_id LIKE @prefix", "prefix")
            .When(selection.CreatedFrom, "created_at >= @from", "from")
            .When(selection.CreatedTo, "created_at <= @to", "to")
            .When(selection.CompletedBefore, "completed_at < @before", "before");
        if (selection.After is { } after)
        {
            where.Add("(created_at, instance_id) > (@afterCreated, @afterId)", ("afterCreated", after.CreatedAt), ("afterId", after.InstanceId));
        }

        return where.ToSql();
    }
}
