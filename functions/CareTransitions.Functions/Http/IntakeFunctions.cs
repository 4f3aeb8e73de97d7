using CareTransitions.Configuration;
using CareTransitions.Intake;
using CareTransitions.Workflow;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace CareTransitions.Functions.Http;

/// <summary>
/// POST api/transitions with the Functions host checking the function key (<c>x-functions-key</c>): it stands in
/// for the standalone host's <c>ApiKeyFilter</c>, so the adapter calls the same handler without that filter.
/// </summary>
internal static class IntakeFunctions
{
    [Function("PostTransitionMessage")]
    public static async Task<IResult> Post(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/transitions")] HttpRequest request,
        [DurableClient] DurableTaskClient client, FunctionContext function)
    {
        var services = function.UseDurableClient(client);
        return await IntakeApi.PostAsync(request, services.GetRequiredService<IntakeHandler>(), services.GetRequiredService<PublicUrls>(), request.HttpContext.RequestAborted);
    }
}
