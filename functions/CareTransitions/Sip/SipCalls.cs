using System.Security.Cryptography;
using CareTransitions.Audit;
using CareTransitions.Configuration;
using CareTransitions.Directory;
using CareTransitions.Notifications;
using CareTransitions.Workflow;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Platform.Mail;

namespace CareTransitions.Sip;

/// <summary>What the SIP routes answer: the meeting without the names.</summary>
internal sealed record SipCallView(
    string MeetingId, int Sequence, DateTimeOffset CalledAt, DateTimeOffset Start, DateTimeOffset End, string? Place, string? VideoLink,
    IReadOnlyList<string> Participants, bool Cancelled);

/// <summary>
/// Calls, moves and cancels a transition's SIP meeting: stores it (names sealed), emails each participating unit its
/// invitation and answer link, and tells the workflow (<see cref="SipCalled"/>). Both hosts and the handover page call this;
/// the caller names the actor the audit log records (<see cref="CareTransitions.SignIn.AuditActors"/>).
/// </summary>
internal sealed class SipCalls(
    DurableTaskClient client, SipMeetingStore store, UnitsDirectory directory, IEmailSender sender, PublicUrls urls,
    IOptions<SmtpOptions> smtp, IOptions<AcknowledgementOptions> links, AuditLog audit, TimeProvider clock)
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
        await store.SaveAsync(meeting, isNew: !moving, cancellationToken);
        await audit.RecordAsync(actor, AuditActions.SipCalled, transitionId, detail: $"{meeting.MeetingId} sequence {meeting.Sequence}", cancellationToken: cancellationToken);
        // Units dropped from a moved meeting hear that it is off for them.
        var dropped = moving ? latest!.Participants.Except(meeting.Participants).ToList() : [];
        await this.SendAsync(meeting, status, meeting.Participants, cancellationToken);
        await this.SendAsync(meeting with { Cancelled = true }, status, dropped, cancellationToken);
        await this.TellWorkflowAsync(meeting, cancellationToken);
        return TypedResults.Ok(View(meeting));
    }

    public async Task<Results<Ok<SipCallView>, ProblemHttpResult>> CancelAsync(string transitionId, string actor, CancellationToken cancellationToken)
    {
        if (await this.StatusAsync(transitionId, cancellationToken) is not { } status)
        {
            return NotFound(transitionId);
        }

        if (await store.LatestAsync(transitionId, cancellationToken) is not { Cancelled: false } latest)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "No SIP meeting", detail: "The transition has no called SIP meeting to cancel.");
        }

        var cancelled = latest with { Sequence = latest.Sequence + 1, ChangedAt = clock.GetUtcNow(), Cancelled = true };
        await store.SaveAsync(cancelled, isNew: false, cancellationToken);
        await audit.RecordAsync(actor, AuditActions.SipCancelled, transitionId, detail: $"{cancelled.MeetingId} sequence {cancelled.Sequence}", cancellationToken: cancellationToken);
        await this.SendAsync(cancelled, status, cancelled.Participants, cancellationToken);
        await this.TellWorkflowAsync(cancelled, cancellationToken);
        return TypedResults.Ok(View(cancelled));
    }

    private async Task SendAsync(SipMeeting meeting, TransitionStatus status, IReadOnlyList<string> unitIds, CancellationToken cancellationToken)
    {
        var organizer = MimeKit.MailboxAddress.Parse(smtp.Value.From).Address;
        var reference = status.Reference ?? meeting.TransitionId;
        foreach (var unitId in unitIds)
        {
            if (directory.FindUnit(unitId) is not { } unit)
            {
                continue;
            }

            string? answerUrl = null;
            if (!meeting.Cancelled)
            {
                var expires = Min(meeting.End.AddDays(1), clock.GetUtcNow() + links.Value.TokenLifetime);
                answerUrl = $"{urls.BaseUrl}/sip/{await store.CreateAnswerTokenAsync(meeting, unitId, expires, cancellationToken)}";
            }

            await sender.SendAsync(
                SipInvitation.Email(meeting, reference, unit.Name, unit.Email, organizer, answerUrl, urls.Handover(meeting.TransitionId), clock.GetUtcNow()),
                cancellationToken);
        }
    }

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

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
