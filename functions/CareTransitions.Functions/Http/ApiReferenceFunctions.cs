using Microsoft.Azure.Functions.Worker;

namespace CareTransitions.Functions.Http;

/// <summary>The API reference for integrators of an Azure deployment, anonymous as in the standalone service: it holds no data.</summary>
internal static class ApiReferenceFunctions
{
    [Function("ApiDocument")]
    public static Task Document(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi/{documentName}.json")] HttpRequest request, FunctionContext function) =>
        function.InstanceServices.GetRequiredService<ApiReference>().ServeAsync(request.HttpContext);

    [Function("ApiReferencePage")]
    public static Task Page(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/docs")] HttpRequest request, FunctionContext function) =>
        function.InstanceServices.GetRequiredService<ApiReference>().ServeAsync(request.HttpContext);

    [Function("ApiReferenceAssets")]
    public static Task Assets(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/docs/{*asset}")] HttpRequest request, FunctionContext function) =>
        function.InstanceServices.GetRequiredService<ApiReference>().ServeAsync(request.HttpContext);
}
