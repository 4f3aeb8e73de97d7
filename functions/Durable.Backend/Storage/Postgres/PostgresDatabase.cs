using Npgsql;

namespace Durable.Backend.Storage.Postgres;

/// <summary>
/// Runs the store's transactions on the pooled data sources. A transaction that PostgreSQL aborts as a deadlock
/// victim (two backends locking rows of the same instances in another order) is run again from the start:
/// every transaction here computes all it writes from its inputs and what it reads, so a rerun is safe.
/// </summary>
internal sealed class PostgresDatabase(NpgsqlDataSource dataSource, NpgsqlDataSource leaseSource, WorkSignals signals, PostgresNotifier notifier)
{
    private const int MaxAttempts = 5;

    public NpgsqlDataSource DataSource => dataSource;

    /// <summary>Runs <paramref name="work"/> in one READ COMMITTED transaction, commits, raises its signals here and hands its notifications to the notifier.</summary>
    public Task<T> WriteAsync<T>(Func<PostgresTransaction, Task<T>> work, CancellationToken cancellationToken) =>
        this.RunAsync(dataSource, explicitTransaction: true, work, cancellationToken);

    /// <summary>
    /// Like <see cref="WriteAsync{T}"/> for work that sends exactly one statement or one batch, which PostgreSQL runs as a
    /// transaction of its own (a batch's statements all or none): no BEGIN and COMMIT round trips.
    /// </summary>
    public Task<T> WriteSingleAsync<T>(Func<PostgresTransaction, Task<T>> work, CancellationToken cancellationToken) =>
        this.RunAsync(dataSource, explicitTransaction: false, work, cancellationToken);

    /// <summary>
    /// Taking, renewing or handing back leases, whose commits do not wait for the disk (see
    /// <see cref="PostgresConnectionSettings.Leases"/>); with <paramref name="oneStatement"/>, as <see cref="WriteSingleAsync{T}"/>.
    /// </summary>
    public Task<T> LeaseAsync<T>(Func<PostgresTransaction, Task<T>> work, bool oneStatement, CancellationToken cancellationToken) =>
        this.RunAsync(leaseSource, explicitTransaction: !oneStatement, work, cancellationToken);

    /// <summary>Runs a read on its own pooled connection (each statement sees what was committed when it started).</summary>
    public async Task<T> ReadAsync<T>(Func<PostgresTransaction, Task<T>> read, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await read(new PostgresTransaction(connection, cancellationToken));
    }

    private async Task<T> RunAsync<T>(NpgsqlDataSource source, bool explicitTransaction, Func<PostgresTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var connection = await source.OpenConnectionAsync(cancellationToken);
            // Npgsql sends BEGIN with the first statement, not on its own.
            await using var transaction = explicitTransaction ? await connection.BeginTransactionAsync(cancellationToken) : null;
            var scope = new PostgresTransaction(connection, cancellationToken);
            try
            {
                var result = await work(scope);
                if (transaction is not null)
                {
                    // IMPORTANT: not cancellable: a commit cut off half way would leave the caller not knowing whether it is stored.
                    await transaction.CommitAsync(CancellationToken.None);
                }

                foreach (var payload in scope.Notifications)
                {
                    PostgresNotifications.Raise(signals, payload);
                }

                // The other processes hear of it after the commit (see PostgresNotifier for why not inside it).
                notifier.Post(scope.Notifications);

                return result;
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure && attempt < MaxAttempts)
            {
                // Rolled back when the transaction is disposed; run again.
            }
        }
    }
}
