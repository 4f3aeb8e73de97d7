namespace Durable.Backend.Storage;

/// <summary>A WHERE clause built a condition at a time, each with its parameters; an absent value adds nothing.</summary>
internal sealed class WhereClause
{
    private readonly List<string> conditions = [];
    private readonly List<(string Name, object? Value)> parameters = [];

    /// <summary>Adds <paramref name="condition"/> with <paramref name="value"/> as <paramref name="name"/>, unless the value is null.</summary>
    public WhereClause When(object? value, string condition, string name) =>
        value is null ? this : this.Add(condition, (name, value));

    /// <summary>Adds a condition that binds several parameters.</summary>
    public WhereClause Add(string condition, params (string Name, object? Value)[] values)
    {
        this.conditions.Add(condition);
        this.parameters.AddRange(values);
        return this;
    }

    /// <summary>"WHERE …" (empty when nothing narrows the rows) and its parameters.</summary>
    public (string Where, (string Name, object? Value)[] Parameters) ToSql() =>
        (this.conditions.Count > 0 ? "WHERE " + string.Join(" AND ", this.conditions) : string.Empty, this.parameters.ToArray());
}
