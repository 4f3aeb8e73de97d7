using CareTransitions.Worklist;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace CareTransitions.Functions.Http;

/// <summary>
/// The coordinators' work list, samordning, its CSV, one transition's page and its actions, anonymous at the host and
/// opened by <see cref="StaffAccess"/> only to a user App Service Authentication signed in with the coordinator role, over
/// the standalone service's handlers (<see cref="WorklistHandlers"/>). The function key does not open it: every use is
/// audited under a person. The actions' antiforgery runs in the worker, as the handover page's does.
/// </summary>
internal static class WorklistFunctions
{
    [Function("WorklistPage")]
    public static async Task<IResult> Page(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "samordning")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext function)
    {
        var services = function.UseDurableClient(client);
        var caller = StaffAccess.Resolve(request, services, coordinator: true);
        return caller.Refusal ?? await services.GetRequiredService<WorklistHandlers>().PageAsync(caller.Person, request.HttpContext, client);
    }

    [Function("WorklistExport")]
    public static async Task<IResult> Export(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "samordning/lista.csv")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext function)
    {
        var services = function.UseDurableClient(client);
        var caller = StaffAccess.Resolve(request, services, coordinator: true);
        return caller.Refusal ?? await services.GetRequiredService<WorklistHandlers>().CsvAsync(caller.Person, request.HttpContext, client);
    }

    [Function("WorklistScript")]
    public static IResult Script([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "samordning/uppdatera.js")] HttpRequest request) =>
        WorklistEndpoints.Script();

    [Function("WorklistTransition")]
    public static async Task<IResult> Transition(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "samordning/overgang/{id}")] HttpRequest request, string id,
        [DurableClient] DurableTaskClient client, FunctionContext function)
    {
        var services = function.UseDurableClient(client);
        var caller = StaffAccess.Resolve(request, services, coordinator: true);
        return caller.Refusal ?? await services.GetRequiredService<WorklistHandlers>().TransitionAsync(caller.Person, id, request.HttpContext, client);
    }

    [Function("WorklistAction")]
    public static async Task<IResult> Act(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "samordning/overgang/{id}/{action}")] HttpRequest request, string id, string action,
        [DurableClient] DurableTaskClient client, FunctionContext function)
    {
        var services = function.UseDurableClient(client);
        var caller = StaffAccess.Resolve(request, services, coordinator: true);
        return caller.Refusal ?? await services.GetRequiredService<WorklistHandlers>().ActAsync(caller.Person, id, action, request.HttpContext, client);
    }
}
