using CareTransitions.AccessLogging;
using Microsoft.Azure.Functions.Worker;

namespace CareTransitions.Functions.Http;

/// <summary>
/// The coordinators' access log, samordning/atkomstlogg and its CSV, anonymous at the host and opened by
/// <see cref="StaffAccess"/> only to a user App Service Authentication signed in with the coordinator role
/// (<c>Authentication:Roles:Coordinator</c>), over the standalone service's handlers. The function key does not open it:
/// every use is logged under a person's HSA-id.
/// </summary>
internal static class AccessLogFunctions
{
    [Function("AccessLogPage")]
    public static async Task<IResult> Page(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "samordning/atkomstlogg")] HttpRequest request, FunctionContext function)
    {
        var services = function.InstanceServices;
        var caller = StaffAccess.Resolve(request, services, coordinator: true);
        return caller.Refusal ?? await AccessLogEndpoints.PageForAsync(
            caller.Person, request.HttpContext, services.GetRequiredService<AccessLog>(), services.GetRequiredService<ILogger<AccessLog>>());
    }

    [Function("AccessLogExport")]
    public static async Task<IResult> Export(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "samordning/atkomstlogg.csv")] HttpRequest request, FunctionContext function)
    {
        var services = function.InstanceServices;
        var caller = StaffAccess.Resolve(request, services, coordinator: true);
        return caller.Refusal ?? await AccessLogEndpoints.CsvForAsync(
            caller.Person, request.HttpContext, services.GetRequiredService<AccessLog>(), services.GetRequiredService<ILogger<AccessLog>>(),
            services.GetRequiredService<TimeProvider>());
    }
}
