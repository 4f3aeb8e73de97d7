using Microsoft.Extensions.Logging;
using Npgsql;

namespace Durable.Backend.Storage.Postgres;

/// <summary>
/// The store's one listening connection: LISTEN on <see cref="PostgresNotifications.Channel"/>, raising this
/// process's <see cref="WorkSignals"/> for what other processes (and this one) commit. When the connection drops
/// (a server restart, a network cut, a terminated backend) it reconnects by itself after a growing pause, and then
/// raises every signal once: notifications sent while nobody listened are lost, so everyone looks again.
/// </summary>
internal sealed class PostgresListener : IAsyncDisposable
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Ping = TimeSpan.FromSeconds(15);

    private readonly NpgsqlDataSource dataSource;
    private readonly WorkSignals signals;
    private readonly ILogger logger;
    private readonly CancellationTokenSource stop = new();
    private readonly TaskCompletionSource listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Func<int> ownNotifier;
    private Task? loop;

    /// <summary>Creates the listener; it owns <paramref name="dataSource"/>, an unpooled one (the connection lives as long as the store).</summary>
    /// <param name="dataSource">The unpooled data source of the listening connection.</param>
    /// <param name="signals">What a notification raises in this process.</param>
    /// <param name="ownNotifier">The server process id this process notifies from: its echo is not raised again.</param>
    /// <param name="logger">Where a lost connection is logged.</param>
    public PostgresListener(NpgsqlDataSource dataSource, WorkSignals signals, Func<int> ownNotifier, ILogger logger)
    {
        this.ownNotifier = ownNotifier;
        this.dataSource = dataSource;
        this.signals = signals;
        this.logger = logger;
    }

    /// <summary>Starts listening; completes when the first LISTEN is in place, or fails with the first connection's error.</summary>
    public Task StartAsync()
    {
        this.loop = Task.Run(this.RunAsync);
        return this.listening.Task;
    }

    public async ValueTask DisposeAsync()
    {
        await this.stop.CancelAsync();
        if (this.loop is { } running)
        {
            await running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        this.stop.Dispose();
        await this.dataSource.DisposeAsync();
    }

    private async Task RunAsync()
    {
        var retry = FirstRetry;
        var lost = false;
        while (!this.stop.IsCancellationRequested)
        {
            try
            {
                await using var connection = await this.dataSource.OpenConnectionAsync(this.stop.Token);
                connection.Notification += (_, e) =>
                {
                    if (e.PID != this.ownNotifier())
                    {
                        PostgresNotifications.Raise(this.signals, e.Payload);
                    }
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {PostgresNotifications.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(this.stop.Token);
                }

                if (lost)
                {
                    this.logger.ListenerBack();
                    this.signals.Orchestrations.Set();
                    this.signals.Activities.Set();
                    this.signals.NotifyAllInstancesChanged();
                    lost = false;
                }

                this.listening.TrySetResult();
                retry = FirstRetry;
                while (true)
                {
                    if (!await connection.WaitAsync(Ping, this.stop.Token))
                    {
                        // Quiet for a while: a round trip proves the connection alive, or fails it (and we reconnect).
                        await using var ping = new NpgsqlCommand("SELECT 1", connection);
                        await ping.ExecuteNonQueryAsync(this.stop.Token);
                    }
                }
            }
            catch (OperationCanceledException) when (this.stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                if (this.listening.TrySetException(e))
                {
                    return; // The first connection failed: the store does not open.
                }

                lost = true;
                this.logger.ListenerLost(e.Message, retry);
                try
                {
                    await Task.Delay(retry, this.stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                retry = retry * 2 < LastRetry ? retry * 2 : LastRetry;
            }
        }
    }
}
