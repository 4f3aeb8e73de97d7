using System.Diagnostics;
using Azure.Storage.Queues;
using Durable.Benchmarks.Measurement;

namespace Durable.Benchmarks.Engines.AzureStorage;

/// <summary>
/// The emulator's latency for one queue read, printed beside the provider's figures because it bounds them: the
/// provider fetches activity messages one GET at a time on a single loop (DurableTask.AzureStorage's work-item queue,
/// one dispatcher), so one worker runs at most about 1000 / this many activities per second.
/// </summary>
internal static class AzuriteRoundTrip
{
    public static async Task<double> MedianMsAsync(string connectionString, int reads = 50)
    {
        var queue = new QueueClient(connectionString, "roundtrip-probe");
        await queue.CreateIfNotExistsAsync();
        var times = new List<double>(reads);
        for (var i = 0; i < reads; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await queue.ReceiveMessageAsync(); // an empty queue: what the provider's pollers do between messages
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        await queue.DeleteAsync();
        return Percentile.Of(times, 0.5);
    }
}
