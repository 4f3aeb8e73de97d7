using System.Security.Cryptography;
using CareTransitions.Audit;
using CareTransitions.Workflow;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CareTransitions.Sip;

/// <summary>What the SIP routes answer: the meeting without the names.</summary>
internal sealed record SipCallView(
    string MeetingId, int Sequence, DateTimeOffset CalledAt, DateTimeOffset Start, DateTimeOffset End, string? Place, string? VideoLink,
    IReadOnlyList<string> Participants, bool Cancelled);

/// <summary>
/// Calls, moves and cancels a transition's SIP meeting: stores it (names sealed), has each participating unit emailed its
/// invitation and answer link (<see cref="SipDeliveryOrchestrator"/>), and tells the workflow (<see cref="SipCalled"/>). Both hosts and the handover page call this;
/// the caller names the actor the audit log records (<see cref="CareTransitions.SignIn.AuditActors"/>).
/// </summary>
internal sealed class SipCalls(DurableTaskClient client, SipMeetingStore store, AuditLog audit, TimeProvider clock)
{
    public async Task<Results<Ok<SipCallView>, ValidationProblem, ProblemHttpResult>> CallAsync(
        string transitionId, SipCallRequest request, string actor, CancellationToken cancellationToken)
    {
        if (await this.StatusAsync(transitionId, cancellationToken) is not { } status)
        {
            return NotFound(transitionId);
        }

        var now = clock.GetUtcNow();
        if (request.Problems(status.Units.Select(u => u.UnitId).ToList(), now) is { Count: > 0 } problems)
        {
            return TypedResults.ValidationProblem(problems, detail: "The SIP call has fields to correct; nothing was sent.");
        }

        var latest = await store.LatestAsync(transitionId, cancellationToken);
        var moving = latest is { Cancelled: false };
        var start = request.Start!.Value;
        var meeting = new SipMeeting(
            moving ? latest!.MeetingId : $"sip-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}", transitionId,
            moving ? latest!.Sequence + 1 : 0, moving ? latest!.CalledAt : now, now, start, request.End ?? start.AddHours(1),
            Blank(request.Place), Blank(request.VideoLink), request.Participants!.Distinct(StringComparer.Ordinal).ToList(), Cancelled: false,
            new SipPeople(Blank(request.PatientName), Blank(request.NextOfKin)));
        // Units dropped from a moved meeting hear that it is off for them.
        var dropped = moving ? latest!.Participants.Except(meeting.Participants).ToList() : [];
        await this.ScheduleMailAsync(new SipDelivery(transitionId, meeting.MeetingId, meeting.Sequence, Cancelled: false, meeting.Participants, dropped), cancellationToken);
        await store.SaveAsync(meeting, isNew: !moving, cancellationToken);
        await audit.RecordAsync(actor, AuditActions.SipCalled, transitionId, detail: $"{meeting.MeetingId} sequence {meeting.Sequence}", cancellationToken: cancellationToken);
        await this.TellWorkflowAsync(meeting, cancellationToken);
        return TypedResults.Ok(View(meeting));
    }

    public async Task<Results<Ok<SipCallView>, ProblemHttpResult>> CancelAsync(string transitionId, string actor, CancellationToken cancellationToken)
    {
        if (await this.StatusAsync(transitionId, cancellationToken) is null)
        {
            return NotFound(transitionId);
        }

        if (await store.LatestAsync(transitionId, cancellationToken) is not { Cancelled: false } latest)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "No SIP meeting", detail: "The transition has no called SIP meeting to cancel.");
        }

        var cancelled = latest with { Sequence = latest.Sequence + 1, ChangedAt = clock.GetUtcNow(), Cancelled = true };
        await this.ScheduleMailAsync(new SipDelivery(transitionId, cancelled.MeetingId, cancelled.Sequence, Cancelled: true, cancelled.Participants, []), cancellationToken);
        await store.SaveAsync(cancelled, isNew: false, cancellationToken);
        await audit.RecordAsync(actor, AuditActions.SipCancelled, transitionId, detail: $"{cancelled.MeetingId} sequence {cancelled.Sequence}", cancellationToken: cancellationToken);
        await this.TellWorkflowAsync(cancelled, cancellationToken);
        return TypedResults.Ok(View(cancelled));
    }

    /// <summary>
    /// The emails go out from their own durable instance (<see cref="SipDeliveryOrchestrator"/>), retried while the mail server
    /// is away. Scheduled before the version is stored: if storing fails, the caller gets the error and the delivery, finding
    /// no such version, gives up without mailing anyone.
    /// </summary>
    private Task ScheduleMailAsync(SipDelivery delivery, CancellationToken cancellationToken) =>
        client.ScheduleNewOrchestrationInstanceAsync(
            nameof(SipDeliveryOrchestrator), delivery, new StartOrchestrationOptions { InstanceId = delivery.InstanceId }, cancellationToken);

    private async Task TellWorkflowAsync(SipMeeting meeting, CancellationToken cancellationToken)
    {
        try
        {
            await client.RaiseEventAsync(
                meeting.TransitionId, SipCalled.EventName, new SipCalled(meeting.MeetingId, meeting.Sequence, meeting.ChangedAt, meeting.Start, meeting.Cancelled), cancellationToken);
        }
        catch (Grpc.Core.RpcException)
        {
            // A finished transition takes no events: the meeting stands and is mailed, the outcome was recorded without it.
        }
    }

    private async Task<TransitionStatus?> StatusAsync(string transitionId, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(transitionId, getInputsAndOutputs: true, cancellationToken);
        return instance?.ReadCustomStatusAs<TransitionStatus>() is { Units.Count: > 0 } status ? status : null;
    }

    internal static SipCallView View(SipMeeting m) =>
        new(m.MeetingId, m.Sequence, m.CalledAt, m.Start, m.End, m.Place, m.VideoLink, m.Participants, m.Cancelled);

    private static ProblemHttpResult NotFound(string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No transition with units has the id '{id}'.");

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

}
