using CareTransitions.Handover.Workspace;
using CareTransitions.Sip;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace CareTransitions.Functions.Http;

/// <summary>
/// GET overlamning/{id}, POST overlamning/{id}/meddelanden and the SIP form's posts (overlamning/{id}/sip, /sip/installt), anonymous at the host (App Service Authentication signs
/// staff in), for the person <see cref="StaffAccess"/> reads from <c>X-MS-CLIENT-PRINCIPAL</c>, over the standalone
/// service's handlers: the same access rule, access log, page and conversation. The form's antiforgery runs in the worker
/// as the acknowledgement page's does (<see cref="AcknowledgementFunctions"/>).
/// </summary>
internal static class HandoverFunctions
{
    [Function("HandoverPage")]
    public static async Task<IResult> Page(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "overlamning/{id}")] HttpRequest request, string id,
        [DurableClient] DurableTaskClient client, FunctionContext function)
    {
        var services = function.UseDurableClient(client);
        var caller = StaffAccess.Resolve(request, services);
        return caller.Refusal ?? await HandoverEndpoints.PageForAsync(
            caller.Person, id, request.HttpContext, services.GetRequiredService<HandoverWorkspace>(), client, services.GetRequiredService<IAntiforgery>());
    }

    [Function("HandoverMessage")]
    public static async Task<IResult> Post(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "overlamning/{id}/meddelanden")] HttpRequest request, string id,
        [DurableClient] DurableTaskClient client, FunctionContext function)
    {
        var services = function.UseDurableClient(client);
        var caller = StaffAccess.Resolve(request, services);
        return caller.Refusal ?? await HandoverEndpoints.PostForAsync(
            caller.Person, id, request.HttpContext, services.GetRequiredService<HandoverWorkspace>(), client, services.GetRequiredService<IAntiforgery>());
    }

    [Function("HandoverSipCall")]
    public static async Task<IResult> CallSip(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "overlamning/{id}/sip")] HttpRequest request, string id,
        [DurableClient] DurableTaskClient client, FunctionContext function)
    {
        var services = function.UseDurableClient(client);
        var caller = StaffAccess.Resolve(request, services);
        return caller.Refusal ?? await HandoverSipEndpoints.CallForAsync(
            caller.Person, id, request.HttpContext, services.GetRequiredService<HandoverWorkspace>(), client, services.GetRequiredService<IAntiforgery>(),
            services.GetRequiredService<SipCalls>(), services.GetRequiredService<SipMeetingStore>());
    }

    [Function("HandoverSipCancel")]
    public static async Task<IResult> CancelSip(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "overlamning/{id}/sip/installt")] HttpRequest request, string id,
        [DurableClient] DurableTaskClient client, FunctionContext function)
    {
        var services = function.UseDurableClient(client);
        var caller = StaffAccess.Resolve(request, services);
        return caller.Refusal ?? await HandoverSipEndpoints.CancelForAsync(
            caller.Person, id, request.HttpContext, services.GetRequiredService<HandoverWorkspace>(), client, services.GetRequiredService<IAntiforgery>(),
            services.GetRequiredService<SipCalls>());
    }
}
