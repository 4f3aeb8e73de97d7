using Durable.Testing;
using Microsoft.Data.Sqlite;

namespace Durable.Tests.Worker;

public class ShutdownTests
{
    [Fact]
    public async Task Stopping_a_worker_hands_its_running_activity_back_instead_of_leaving_it_leased()
    {
        var directory = Directory.CreateTempSubdirectory("durable-shutdown-").FullName;
        try
        {
            // The stop lands at a different point of the dispatcher's loop each round; a busy loop (1 ms polling)
            // makes the rounds cover fetching, waiting and looking for the next wake-up.
            for (var round = 0; round < 10; round++)
            {
                var path = Path.Combine(directory, $"round-{round}.db");
                var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                await using (var host = await DurableTestHost.StartAsync(
                    d => d
                        .AddOrchestratorFunc<string, string>("CallsWaiting", (ctx, _) => ctx.CallActivityAsync<string>("Waiting"))
                        .AddActivityFunc<string, string>("Waiting", async (c, _) =>
                        {
                            started.TrySetResult();
                            try
                            {
                                await Task.Delay(Timeout.Infinite, c.CancellationToken);
                            }
                            catch (OperationCanceledException)
                            {
                                await Task.Delay(200); // Like real work, it takes a moment to stop.
                                throw;
                            }

                            return "never";
                        })
                        .Configure(o => o.PollingInterval = TimeSpan.FromMilliseconds(1)),
                    databasePath: path))
                {
                    await host.Client.ScheduleNewOrchestrationInstanceAsync("CallsWaiting");
                    await started.Task.WaitAsync(HostWaits.Deadline);
                    await Task.Delay(round * 7);
                }

                Assert.Equal((null, "The worker shut down while the activity ran."), await TaskLeaseAsync(path));
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<(string? LockedBy, string? LastError)> TaskLeaseAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT LockedBy, LastError FROM NewTasks";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "the activity task is gone");
        return (reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1));
    }
}
