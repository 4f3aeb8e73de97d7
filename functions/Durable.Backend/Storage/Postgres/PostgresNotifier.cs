using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Durable.Backend.Storage.Postgres;

/// <summary>
/// Tells the other backends sharing the database what a commit changed, after the commit and off its path.
/// </summary>
/// <remarks>
/// IMPORTANT: not NOTIFY inside the data transaction. PostgreSQL takes one database-wide lock at commit for
/// every transaction that notified and holds it through the disk flush, so every step of every process would
/// commit one at a time (figures in docs/durable-backend.md). Here one loop gathers what is pending, de-duplicates it and sends it in
/// one statement with synchronous_commit off. A crash between a commit and its notification only loses
/// the wake-up: the others find the work on their next poll. The notifications go out on one connection kept open,
/// whose server process id (<see cref="ProcessId"/>) lets this process's own listener ignore its own echo: this
/// process was woken by the commit itself, and a second wake-up costs a look for work and a read per waiter.
/// </remarks>
internal sealed class PostgresNotifier : IAsyncDisposable
{
    private readonly Channel<string> pending = Channel.CreateUnbounded<string>(new() { SingleReader = true });
    private readonly NpgsqlDataSource dataSource;
    private readonly ILogger logger;
    private readonly Task loop;
    private int processId;

    /// <param name="dataSource">The lease connections (synchronous_commit off).</param>
    /// <param name="logger">Where a failed notification is logged.</param>
    public PostgresNotifier(NpgsqlDataSource dataSource, ILogger logger)
    {
        this.dataSource = dataSource;
        this.logger = logger;
        this.loop = Task.Run(this.RunAsync);
    }

    /// <summary>The PostgreSQL server process that sends this process's notifications (0 until connected).</summary>
    public int ProcessId => Volatile.Read(ref this.processId);

    public void Post(IEnumerable<string> payloads)
    {
        foreach (var payload in payloads)
        {
            this.pending.Writer.TryWrite(payload);
        }
    }

    public async ValueTask DisposeAsync()
    {
        this.pending.Writer.TryComplete();
        await this.loop.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task RunAsync()
    {
        var batch = new HashSet<string>(StringComparer.Ordinal);
        NpgsqlConnection? connection = null;
        while (await this.pending.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < 1000 && this.pending.Reader.TryRead(out var payload))
            {
                batch.Add(payload);
            }

            try
            {
                if (connection is null)
                {
                    connection = await this.dataSource.OpenConnectionAsync();
                    Volatile.Write(ref this.processId, connection.ProcessID);
                }

                // One statement, its own transaction, on a connection whose commits do not wait for the disk.
                await using var command = new NpgsqlCommand($"SELECT pg_notify('{PostgresNotifications.Channel}', p) FROM unnest(@payloads) AS p", connection);
                command.Parameters.AddWithValue("payloads", batch.ToArray());
                await command.ExecuteNonQueryAsync();
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                this.logger.NotifyFailed(batch.Count, e.Message);
                if (connection is not null)
                {
                    await connection.DisposeAsync();
                    connection = null; // Reconnected for the next batch.
                }
            }
        }

        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
    }
}
