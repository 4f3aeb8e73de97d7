using CareTransitions.Acknowledgements;
using CareTransitions.Telemetry;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace CareTransitions.Functions.Http;

/// <summary>
/// GET and POST ack/{token}, anonymous: the token is the capability. The CSRF defence is the library's own,
/// ASP.NET Core antiforgery (cookie plus form field), which runs in the worker because ASP.NET Core integration
/// gives it a real <see cref="HttpContext"/>. Its tokens are protected by the data-protection key ring, which on
/// PostgreSQL the library keeps in the database (<c>DataProtectionKeyStore</c>), so every instance reads the others' tokens.
/// Both share the standalone service's limit per client (<see cref="AcknowledgementRateLimit"/>), asked here for want of
/// endpoint middleware in the worker.
/// </summary>
internal static class AcknowledgementFunctions
{
    [Function("AcknowledgementPage")]
    public static async Task<IResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ack/{token}")] HttpRequest request, string token,
        [DurableClient] DurableTaskClient client, FunctionContext function)
    {
        var services = function.UseDurableClient(client);
        if (!await services.GetRequiredService<AcknowledgementRateLimit>().TryAcquireAsync(request.HttpContext))
        {
            return TypedResults.Empty;
        }

        return await AcknowledgementApi.GetAsync(
            token, request.HttpContext, services.GetRequiredService<AcknowledgementContext>(), services.GetRequiredService<IAntiforgery>(), request.HttpContext.RequestAborted);
    }

    [Function("Acknowledge")]
    public static async Task<IResult> Post(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "ack/{token}")] HttpRequest request, string token,
        [DurableClient] DurableTaskClient client, FunctionContext function)
    {
        var services = function.UseDurableClient(client);
        if (!await services.GetRequiredService<AcknowledgementRateLimit>().TryAcquireAsync(request.HttpContext))
        {
            return TypedResults.Empty;
        }

        return await AcknowledgementApi.PostAsync(
            token, request.HttpContext, services.GetRequiredService<AcknowledgementContext>(), services.GetRequiredService<IAntiforgery>(), client,
            services.GetRequiredService<TimeProvider>(), services.GetRequiredService<TransitionMetrics>(), request.HttpContext.RequestAborted);
    }
}
