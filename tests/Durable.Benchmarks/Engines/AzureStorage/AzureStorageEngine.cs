using DurableTask.AzureStorage;
using DurableTask.Core;
using Durable.Benchmarks.Workloads.Core;
using Microsoft.Extensions.Logging;

namespace Durable.Benchmarks.Engines.AzureStorage;

/// <summary>
/// Durable Functions' own engine and default provider: DurableTask.Core's <see cref="TaskHubWorker"/> and
/// <see cref="TaskHubClient"/> over <see cref="AzureStorageOrchestrationService"/>, on Azurite started for the run.
/// </summary>
internal static class AzureStorageEngine
{
    public static async Task<IEngineTarget> StartAsync(ILoggerFactory loggerFactory)
    {
        var azurite = await Azurite.StartAsync(await AzuriteInstall.FindOrInstallAsync());
        try
        {
            var settings = FairSettings(azurite.ConnectionString, loggerFactory);
            var service = new AzureStorageOrchestrationService(settings);
            await service.CreateIfNotExistsAsync();
            var worker = new TaskHubWorker(service, loggerFactory);
            worker.AddTaskOrchestrations(CoreWorkloads.Orchestrations);
            worker.AddTaskActivities(CoreWorkloads.Activities);
            await worker.StartAsync();
            var client = new TaskHubClient(service, loggerFactory: loggerFactory);
            var roundTrip = await AzuriteRoundTrip.MedianMsAsync(azurite.ConnectionString);
            return new AzureStorageTarget(Describe(settings, azurite, roundTrip), service, client, azurite, async () =>
            {
                await worker.StopAsync(isForced: true);
                await azurite.DisposeAsync();
            });
        }
        catch
        {
            await azurite.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Settings a user tuning one worker for throughput would choose. The defaults would make it look slower than it
    /// is: an idle queue's polling backs off up to <c>MaxQueuePollingInterval</c>, 30 s by default, and only 10
    /// activities run at once (Durable Functions allows 10 per processor); these activities only return a string.
    /// </summary>
    private static AzureStorageOrchestrationServiceSettings FairSettings(string connectionString, ILoggerFactory loggerFactory) => new()
    {
        TaskHubName = "benchmark",
        StorageAccountClientProvider = new StorageAccountClientProvider(connectionString),
        PartitionCount = 4, // the default: one worker owns all control queues
        MaxConcurrentTaskOrchestrationWorkItems = 100,
        MaxConcurrentTaskActivityWorkItems = 100,
        MaxQueuePollingInterval = TimeSpan.FromMilliseconds(500),
        ControlQueueBufferThreshold = 256,
        UseTablePartitionManagement = true, // as Durable Functions' documented host.json has it
        LoggerFactory = loggerFactory,
    };

    private static string Describe(AzureStorageOrchestrationServiceSettings s, Azurite azurite, double roundTripMs) =>
        $"DurableTask.Core 3.11.2 TaskHubWorker/TaskHubClient + DurableTask.AzureStorage 2.11.2 on {azurite.Description}; " +
        $"partitions={s.PartitionCount} max_orchestrations={s.MaxConcurrentTaskOrchestrationWorkItems} max_activities={s.MaxConcurrentTaskActivityWorkItems} " +
        $"max_queue_polling_interval={s.MaxQueuePollingInterval.TotalMilliseconds:F0}ms (default 30 s) control_queue_buffer={s.ControlQueueBufferThreshold} " +
        $"table_partition_management={s.UseTablePartitionManagement} extended_sessions={s.ExtendedSessionsEnabled}; " +
        $"one idle queue read takes {roundTripMs:F1} ms (median) and activities are fetched one read at a time, so at most ~{1000 / roundTripMs:F0} activities/s";
}
