using System.Text.Json;
using Azure.Core.Serialization;
using CareTransitions.Configuration;
using Microsoft.Azure.Functions.Worker;

namespace CareTransitions.Functions;

/// <summary>
/// The service's one JSON setting (<see cref="CareTransitionsJson"/>) on every serializer the isolated worker uses:
/// <list type="bullet">
/// <item><c>WorkerOptions.Serializer</c>: activity inputs and outputs, orchestration outputs, custom status and the
/// durable client's inputs and events (Durable Functions' data converter is a shim over it);</item>
/// <item><c>IOptions&lt;JsonSerializerOptions&gt;</c>: what Durable Functions' orchestration context reads the
/// orchestration's input with under the Functions host;</item>
/// </list>
/// ASP.NET Core's HTTP JSON options (API bodies) get it from the library's <c>AddCareTransitionFeatures</c>.
/// </summary>
internal static class FunctionsJson
{
    public static IServiceCollection UseCareTransitionsJsonEverywhere(this IServiceCollection services)
    {
        services.Configure<WorkerOptions>(o => o.Serializer = new JsonObjectSerializer(CareTransitionsJson.Options));
        services.Configure<JsonSerializerOptions>(CareTransitionsJson.Apply);
        return services;
    }
}
