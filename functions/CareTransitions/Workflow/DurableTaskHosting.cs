using System.Text.Json;
using System.Text.Json.Serialization;
using CareTransitions.Workflow.Activities;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using CareTransitions.Configuration;
using Durable.Backend.Hosting;
using Microsoft.DurableTask.Worker;

namespace CareTransitions.Workflow;

/// <summary>
/// Everything that wires Microsoft's Durable Task SDK into the service: the worker with the
/// orchestrator and its activities, the client, the payload converter and the backend both talk to.
/// </summary>
internal static class DurableTaskHosting
{
    /// <summary>
    /// The converter for every input, output, event payload and custom status the workflow stores:
    /// web defaults (camelCase, case-insensitive) with enums as their names.
    /// </summary>
    // IMPORTANT: must not change once instances are stored. Histories written with one setting are
    // replayed with the other, and a changed name casing would silently read nulls. These are the
    // settings the earlier engine stored with; the SDK's own default (PascalCase, enums as numbers)
    // would also break on a reordered enum.
    public static DataConverter DataConverter { get; } = new JsonDataConverter(CreateJsonOptions());

    /// <summary>The worker (orchestrator and activities), the client, and the backend they talk to.</summary>
    public static IServiceCollection AddCareTransitionsDurableTask(this IServiceCollection services, IConfiguration configuration)
    {
        // The worker and the client both take the converter registered here.
        services.AddSingleton(DataConverter);
        AddBackend(services, configuration);
        services.AddDurableTaskWorker(worker => worker
            .AddTasks(tasks => tasks
                .AddOrchestrator<CareTransitionOrchestrator>()
                .AddActivity<RouteUnits>()
                .AddActivity<NotifyUnit>()
                .AddActivity<RecordOutcome>())
            .UseInProcessDurableBackend());
        services.AddDurableTaskClient(client => client.UseInProcessDurableBackend());
        return services;
    }

    /// <summary>
    /// Our backend in this process (durable.db in the storage directory, settings from <c>Durable:*</c>),
    /// with Microsoft's standard worker and client connected to it over a private Unix socket.
    /// </summary>
    private static void AddBackend(IServiceCollection services, IConfiguration configuration)
    {
        var enginePath = configuration.GetStorageOptions().EnginePath;
        services.AddInProcessDurableBackend(configuration.GetSection("Durable"), o => o.DatabasePath = enginePath);
    }

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
