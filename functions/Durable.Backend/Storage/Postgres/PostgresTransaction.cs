using Npgsql;

namespace Durable.Backend.Storage.Postgres;

/// <summary>
/// One transaction on a pooled connection, with small command helpers, and the wake-ups its commit owes:
/// raised in this process and sent to the others (<see cref="PostgresNotifier"/>) after the commit.
/// </summary>
internal sealed class PostgresTransaction(NpgsqlConnection connection, CancellationToken cancellationToken)
{
    private readonly HashSet<string> notifications = new(StringComparer.Ordinal);

    public NpgsqlConnection Connection => connection;

    /// <summary>Owes the commit's wake-ups: raised in this process and sent to the others once it commits.</summary>
    public void Wake(WakeUps wakeUps)
    {
        if (wakeUps.OrchestrationWork)
        {
            this.notifications.Add(PostgresNotifications.Orchestrations);
        }

        if (wakeUps.ActivityWork)
        {
            this.notifications.Add(PostgresNotifications.Activities);
        }

        if (wakeUps.ChangedInstance is { } instanceId && PostgresNotifications.ForInstance(instanceId, wakeUps.InstanceFinished) is { } payload)
        {
            this.notifications.Add(payload);
        }
    }

    public IReadOnlyCollection<string> Notifications => this.notifications;

    /// <summary>Statements to send together in one round trip.</summary>
    public PostgresBatch Batch() => new(connection, cancellationToken);

    public NpgsqlCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    public async Task<int> ExecuteAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var command = this.Command(sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<object?> ScalarAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var command = this.Command(sql, parameters);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is DBNull ? null : value;
    }

    /// <summary>Reads every row with <paramref name="read"/>.</summary>
    public async Task<List<T>> ListAsync<T>(string sql, Func<NpgsqlDataReader, T> read, params (string Name, object? Value)[] parameters)
    {
        await using var command = this.Command(sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
