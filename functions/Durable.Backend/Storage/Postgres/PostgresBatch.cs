using Npgsql;

namespace Durable.Backend.Storage.Postgres;

/// <summary>
/// Statements sent to PostgreSQL together, in one round trip, and run in order in the caller's transaction
/// (each sees what the earlier ones wrote). A step's statements are independent of each other's answers, so a
/// step costs one round trip instead of one per statement; rows come back to each statement's reader in order.
/// </summary>
internal sealed class PostgresBatch(NpgsqlConnection connection, CancellationToken cancellationToken)
{
    private readonly List<(NpgsqlBatchCommand Command, Action<NpgsqlDataReader>? EachRow)> statements = [];

    /// <summary>
    /// Adds a statement that returns no rows (no SELECT, no RETURNING); its number is the index of its count in
    /// <see cref="RunAsync"/>'s answer. IMPORTANT: one that returns rows must be added with a reader, even one that ignores them.
    /// </summary>
    public int Add(string sql, params (string Name, object? Value)[] parameters) => this.Add(sql, null, parameters);

    /// <summary>Adds a statement whose rows are read, in order, by <paramref name="eachRow"/>.</summary>
    public int Add(string sql, Action<NpgsqlDataReader>? eachRow, params (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        this.statements.Add((command, eachRow));
        return this.statements.Count - 1;
    }

    /// <summary>Runs the statements and answers each one's count of rows written or returned.</summary>
    public async Task<int[]> RunAsync()
    {
        if (this.statements.Count == 0)
        {
            return [];
        }

        await using var batch = new NpgsqlBatch(connection);
        foreach (var (command, _) in this.statements)
        {
            batch.BatchCommands.Add(command);
        }

        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            // IMPORTANT: the reader moves only between statements that return rows (RETURNING, SELECT); it starts on the first.
            var first = true;
            foreach (var (_, eachRow) in this.statements.Where(s => s.EachRow is not null))
            {
                if (!first && !await reader.NextResultAsync(cancellationToken))
                {
                    throw new InvalidOperationException("A statement of the batch that returns rows returned no result set.");
                }

                first = false;
                while (await reader.ReadAsync(cancellationToken))
                {
                    eachRow!(reader);
                }
            }
        }

        return this.statements.Select(s => s.Command.RecordsAffected).ToArray();
    }
}
