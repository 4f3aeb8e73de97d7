using CareTransitions.Workflow;
using Microsoft.DurableTask;

namespace CareTransitions.Sip;

/// <summary>
/// Mails one version of a SIP meeting to its units, each email an activity with the workflow's retry policy, so a mail server
/// that is away when the meeting is called delays the invitations instead of losing them. Its own instance per version
/// (<see cref="SipDelivery.InstanceId"/>), so it works the same whether the transition is still open or already ended.
/// </summary>
/// <remarks>IMPORTANT: deterministic, as every orchestrator: all I/O is in <see cref="SendSipInvitation"/>.</remarks>
internal sealed class SipDeliveryOrchestrator : TaskOrchestrator<SipDelivery, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, SipDelivery input)
    {
        var sends = input.Invited.Select(unit => SendAsync(context, input, unit, input.Cancelled))
            .Concat(input.Dropped.Select(unit => SendAsync(context, input, unit, cancel: true)));
        var sent = await Task.WhenAll(sends);
        return sent.Count(s => s);
    }

    private static async Task<bool> SendAsync(TaskOrchestrationContext context, SipDelivery input, string unitId, bool cancel)
    {
        try
        {
            return await context.CallActivityAsync<bool>(
                nameof(SendSipInvitation), new SipInvitationRequest(input.TransitionId, input.MeetingId, input.Sequence, unitId, cancel), CareTransitionOrchestrator.Retry);
        }
        catch (TaskFailedException failed)
        {
            // Out of retries: each attempt is in the audit log (EmailFailed); the page still shows the meeting and who answered.
            context.CreateReplaySafeLogger<SipDeliveryOrchestrator>()
                .SipInvitationGaveUp(input.MeetingId, input.Sequence, unitId, input.TransitionId, failed.FailureDetails.ErrorMessage);
            return false;
        }
    }
}
