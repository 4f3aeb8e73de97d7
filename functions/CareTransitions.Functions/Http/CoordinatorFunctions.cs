using CareTransitions.Handover;
using CareTransitions.Audit;
using CareTransitions.Coordinators;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace CareTransitions.Functions.Http;

/// <summary>The coordinators' routes, function key checked by the host (as intake), over the same handlers as the standalone host's.</summary>
internal static class CoordinatorFunctions
{
    [Function("GetTransition")]
    public static async Task<IResult> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/transitions/{id}")] HttpRequest request, string id,
        [DurableClient] DurableTaskClient client, FunctionContext function) =>
        await CoordinatorsApi.GetAsync(id, client, Audit(function), request.HttpContext.RequestAborted);

    [Function("ListTransitions")]
    public static async Task<IResult> List(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/transitions")] HttpRequest request,
        [DurableClient] DurableTaskClient client, FunctionContext function)
    {
        var query = request.Query;
        return await CoordinatorsApi.ListQueryAsync(
            client, Audit(function), NullIfEmpty(query["status"]), NullIfEmpty(query["municipalityCode"]), NullIfEmpty(query["continuationToken"]),
            NullIfEmpty(query["pageSize"]), request.HttpContext.RequestAborted);
    }

    [Function("TerminateTransition")]
    public static async Task<IResult> Terminate(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/transitions/{id}/terminate")] HttpRequest request, string id,
        [DurableClient] DurableTaskClient client, FunctionContext function) =>
        await CoordinatorsApi.TerminateAsync(id, NullIfEmpty(request.Query["reason"]), client, Audit(function), PersonalData(function), request.HttpContext.RequestAborted);

    [Function("PurgeTransition")]
    public static async Task<IResult> Purge(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "api/transitions/{id}")] HttpRequest request, string id,
        [DurableClient] DurableTaskClient client, FunctionContext function) =>
        await CoordinatorsApi.PurgeAsync(id, client, Audit(function), PersonalData(function), request.HttpContext.RequestAborted);

    private static AuditLog Audit(FunctionContext function) => function.InstanceServices.GetRequiredService<AuditLog>();

    private static PersonalDataUpkeep PersonalData(FunctionContext function) => function.InstanceServices.GetRequiredService<PersonalDataUpkeep>();

    private static string? NullIfEmpty(Microsoft.Extensions.Primitives.StringValues value) => value.Count == 0 ? null : value.ToString();
}
