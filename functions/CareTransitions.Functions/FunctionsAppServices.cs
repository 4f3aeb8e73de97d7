using Azure.Core.Serialization;
using CareTransitions.Workflow;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace CareTransitions.Functions;

/// <summary>What the Functions app registers; its tests build their stand-in host with the same call.</summary>
internal static class FunctionsAppServices
{
    public static IServiceCollection AddCareTransitionsFunctionsApp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCareTransitionFeatures(configuration);

        // Durable Functions isolated converts every orchestration and activity payload with the worker's serializer
        // (its DataConverter is a shim over WorkerOptions.Serializer), so it gets the workflow converter's settings:
        // camelCase, enums as names, as the standalone host stores them.
        services.Configure<WorkerOptions>(o => o.Serializer = new JsonObjectSerializer(DurableTaskHosting.JsonOptions));

        // Library code resolves DurableTaskClient; each adapter hands the relay its [DurableClient] first.
        services.AddSingleton<DurableClientRelay>();
        services.AddSingleton<DurableTaskClient>(sp => sp.GetRequiredService<DurableClientRelay>());
        return services;
    }
}
