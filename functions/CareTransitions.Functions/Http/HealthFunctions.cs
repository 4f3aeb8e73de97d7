using CareTransitions.Health;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace CareTransitions.Functions.Http;

/// <summary><c>/healthz</c> (liveness) and <c>/readyz</c> (readiness), anonymous, answering as the standalone host's routes do.</summary>
internal static class HealthFunctions
{
    [Function("Liveness")]
    public static IResult Live([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "healthz")] HttpRequest request) =>
        Liveness.Get(request.HttpContext);

    // The durable backend's check asks through the library's client, so the relay gets this invocation's first.
    [Function("Readiness")]
    public static async Task<IResult> Ready(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "readyz")] HttpRequest request,
        [DurableClient] DurableTaskClient client, FunctionContext function) =>
        await Readiness.GetAsync(function.UseDurableClient(client).GetRequiredService<ReadinessCache>());
}
