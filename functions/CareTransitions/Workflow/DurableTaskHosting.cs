using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Serialization;
using CareTransitions.Workflow.Activities;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Microsoft.DurableTask.Testing;
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
        services.AddDurableTaskWorker(worker => worker.AddTasks(tasks => tasks
            .AddOrchestrator<CareTransitionOrchestrator>()
            .AddActivity<RouteUnits>()
            .AddActivity<NotifyUnit>()
            .AddActivity<RecordOutcome>()));
        services.AddDurableTaskClient(_ => { });
        return services;
    }

    // TEMPORARY: Microsoft's in-memory reference backend (InProcessTestHost) stands in until our own,
    // functions/Durable.Backend, is ready. It keeps nothing on disk, so a restart loses every running
    // transition, and it ignores the Durable:* settings. It registers the worker and the client itself,
    // on a gRPC sidecar at localhost. The switch to our backend is this method's body:
    //     services.AddInProcessDurableBackend(configuration.GetSection("Durable"), o => o.DatabasePath = configuration.GetStorageOptions().EnginePath);
    //     services.AddDurableTaskWorker(worker => worker.UseInProcessDurableBackend());
    //     services.AddDurableTaskClient(client => client.UseInProcessDurableBackend());
    // (plus the package reference in CareTransitions.csproj: a ProjectReference to Durable.Backend instead).
    private static void AddBackend(IServiceCollection services, IConfiguration configuration)
    {
        services.AddInMemoryDurableTask(_ => { }, new InMemoryDurableTaskOptions { Port = FreeLoopbackPort() });
    }

    // Left to itself the sidecar picks a random port in 30000–40000, which collides now and then when
    // several services (tests, other builds) start on one machine.
    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
