using Azure.Storage.Queues;
using CareTransitions.Functions.HostTests.Infrastructure;

namespace CareTransitions.Functions.HostTests;

/// <summary>Durable Functions as host.json and the app settings configure it: the Azure Storage provider, the task hub from DurableTaskHubName.</summary>
[Collection(AppUnderHostCollection.Name)]
public sealed class DurableSettingsTests(AppUnderHost app)
{
    [HostFact]
    public async Task The_task_hub_named_in_the_app_settings_lives_in_the_host_storage_accounts_queues()
    {
        var queues = new List<string>();
        await foreach (var queue in new QueueServiceClient(app.Services.Storage.ConnectionString).GetQueuesAsync())
        {
            queues.Add(queue.Name);
        }

        Assert.NotEmpty(queues);
        // DurableTaskHubName=shared: four control queues (the provider's default partition count) and the work-item queue.
        Assert.Equal(["shared-control-00", "shared-control-01", "shared-control-02", "shared-control-03", "shared-workitems"], queues.Where(q => q.StartsWith("shared-", StringComparison.Ordinal)).Order());
        Assert.Contains("HubName: shared.", app.Host.Output, StringComparison.Ordinal);
    }

    [HostFact]
    public void The_durableTask_section_of_host_json_is_what_the_extension_loaded()
    {
        var loaded = app.Host.Output.Split('\n').FirstOrDefault(l => l.Contains("Durable extension configuration loaded:", StringComparison.Ordinal));

        Assert.NotNull(loaded);
        Assert.Contains("\"hubName\":\"%DurableTaskHubName%\"", loaded, StringComparison.Ordinal);
        Assert.Contains("\"maxQueuePollingInterval\":\"00:00:10\"", loaded, StringComparison.Ordinal);
        Assert.Contains("\"controlQueueVisibilityTimeout\":\"00:01:00\"", loaded, StringComparison.Ordinal);
        Assert.Contains("\"workItemQueueVisibilityTimeout\":\"00:01:00\"", loaded, StringComparison.Ordinal);
        Assert.Contains("\"distributedTracingEnabled\":true", loaded, StringComparison.Ordinal);
    }
}
