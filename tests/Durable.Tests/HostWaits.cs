using Durable.Runtime;
using Durable.Storage;
using Durable.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Durable.Tests;

/// <summary>Waits with a deadline, so an engine bug fails a test instead of hanging it.</summary>
internal static class HostWaits
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    /// <summary>Waits until the instance has finished, with inputs and outputs.</summary>
    public static async Task<OrchestrationMetadata> CompletionAsync(this DurableTestHost host, string instanceId)
    {
        using var cts = new CancellationTokenSource(Deadline);
        return await host.Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, cts.Token);
    }

    /// <summary>Polls the instance until <paramref name="condition"/> holds; fails the test at the deadline.</summary>
    public static async Task<OrchestrationMetadata> UntilAsync(
        this DurableTestHost host, string instanceId, Func<OrchestrationMetadata, bool> condition, string what)
    {
        OrchestrationMetadata? last = null;
        await Until(
            async () =>
            {
                last = await host.Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
                return last is not null && condition(last);
            },
            () => $"{instanceId}: {what} (last seen: {last?.RuntimeStatus}, custom status {last?.SerializedCustomStatus})");
        return last!;
    }

    /// <summary>Waits until the instance is Running, i.e. its first step has been committed.</summary>
    public static Task<OrchestrationMetadata> RunningAsync(this DurableTestHost host, string instanceId) =>
        host.UntilAsync(instanceId, i => i.RuntimeStatus == OrchestrationRuntimeStatus.Running, "Running");

    /// <summary>Polls <paramref name="condition"/> every 20 ms until it holds; fails the test at the deadline.</summary>
    public static Task Until(Func<Task<bool>> condition, string what, TimeSpan? deadline = null) => Until(condition, () => what, deadline);

    /// <summary>As <see cref="Until(Func{Task{bool}}, string, TimeSpan?)"/>, describing the wait only when it failed.</summary>
    public static async Task Until(Func<Task<bool>> condition, Func<string> what, TimeSpan? deadline = null)
    {
        using var cts = new CancellationTokenSource(deadline ?? Deadline);
        while (!await condition())
        {
            try
            {
                await Task.Delay(20, cts.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Timed out after {(deadline ?? Deadline).TotalSeconds} s waiting for {what()}.");
            }
        }
    }

    /// <summary>The engine's store, for looking at history and queues the client does not expose.</summary>
    public static IOrchestrationStore Store(this DurableTestHost host) => host.Services.GetRequiredService<IOrchestrationStore>();

    /// <summary>The current execution's history.</summary>
    public static Task<IReadOnlyList<HistoryEvent>> HistoryAsync(this DurableTestHost host, string instanceId) =>
        host.Store().GetHistoryAsync(instanceId, CancellationToken.None);

    /// <summary>Waits until the history holds an event of <paramref name="type"/>, i.e. that step was committed.</summary>
    public static Task UntilHistoryHasAsync(this DurableTestHost host, string instanceId, EventType type, int count = 1) =>
        Until(async () => (await host.HistoryAsync(instanceId)).Count(e => e.Type == type) >= count, $"{instanceId}: {count} × {type} in history");

    /// <summary>Runs one statement straight on the file, as another process would (used to simulate an expired lease).</summary>
    public static async Task ExecuteSqlAsync(this DurableTestHost host, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={host.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Messages (events, results, timers) still queued for the instance, read straight from the file.</summary>
    public static async Task<long> QueuedMessageCountAsync(this DurableTestHost host, string instanceId)
    {
        await using var connection = new SqliteConnection($"Data Source={host.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM NewEvents WHERE InstanceId = $id";
        command.Parameters.AddWithValue("$id", instanceId);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
