using System.Text.Json;
using CareTransitions.Acknowledgements;
using CareTransitions.Audit;
using CareTransitions.SignIn;
using CareTransitions.Sip;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace CareTransitions.Functions.Http;

/// <summary>
/// The SIP call over the standalone service's handlers: POST api/transitions/{id}/sip-call (and /cancel) with the function
/// key, as the coordinators' routes (the audit log names the key), and the participants' answer page sip/{token},
/// anonymous (the token is the capability) and limited per client as ack/{token} is.
/// </summary>
internal static class SipFunctions
{
    [Function("CallSipMeeting")]
    public static async Task<IResult> Call(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/transitions/{id}/sip-call")] HttpRequest request, string id,
        [DurableClient] DurableTaskClient client, FunctionContext function)
    {
        var services = function.UseDurableClient(client);
        SipCallRequest? body;
        try
        {
            body = await request.ReadFromJsonAsync<SipCallRequest>(JsonSerializerOptions.Web, request.HttpContext.RequestAborted);
        }
        catch (JsonException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unreadable body", detail: $"The SIP call is not valid JSON: {e.Message}");
        }

        return body is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unreadable body", detail: "The SIP call needs a JSON body.")
            : (await services.GetRequiredService<SipCalls>().CallAsync(id, body, AuditActors.ApiKey, request.HttpContext.RequestAborted)).Result;
    }

    [Function("CancelSipMeeting")]
    public static async Task<IResult> Cancel(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/transitions/{id}/sip-call/cancel")] HttpRequest request, string id,
        [DurableClient] DurableTaskClient client, FunctionContext function) =>
        (await function.UseDurableClient(client).GetRequiredService<SipCalls>().CancelAsync(id, AuditActors.ApiKey, request.HttpContext.RequestAborted)).Result;

    [Function("SipAnswerPage")]
    public static async Task<IResult> Page(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "sip/{token}")] HttpRequest request, string token, FunctionContext function)
    {
        var services = function.InstanceServices;
        if (!await services.GetRequiredService<AcknowledgementRateLimit>().TryAcquireAsync(request.HttpContext))
        {
            return TypedResults.Empty;
        }

        return await SipApi.GetAsync(
            token, request.HttpContext, services.GetRequiredService<SipMeetingStore>(), services.GetRequiredService<IAntiforgery>(), request.HttpContext.RequestAborted);
    }

    [Function("SipAnswer")]
    public static async Task<IResult> Answer(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "sip/{token}")] HttpRequest request, string token, FunctionContext function)
    {
        var services = function.InstanceServices;
        if (!await services.GetRequiredService<AcknowledgementRateLimit>().TryAcquireAsync(request.HttpContext))
        {
            return TypedResults.Empty;
        }

        return await SipApi.PostAsync(
            token, request.HttpContext, services.GetRequiredService<SipMeetingStore>(), services.GetRequiredService<IAntiforgery>(),
            services.GetRequiredService<AuditLog>(), services.GetRequiredService<TimeProvider>(), request.HttpContext.RequestAborted);
    }
}
