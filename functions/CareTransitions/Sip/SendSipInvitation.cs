using CareTransitions.Configuration;
using CareTransitions.Directory;
using CareTransitions.Handover;
using CareTransitions.Notifications;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;
using Platform.Mail;

namespace CareTransitions.Sip;

/// <summary>
/// Emails one unit one version of a SIP meeting: the iCalendar invitation with a fresh answer link, or the cancellation.
/// Runs at least once, as <see cref="Workflow.Activities.NotifyUnit"/>: an email recorded as sent is not sent again, and the
/// Message-ID comes from the meeting, version and recipient, so a retry after a crash repeats it.
/// </summary>
internal sealed class SendSipInvitation(
    SipMeetingStore store, TransitionReferences references, UnitsDirectory directory, IEmailSender sender, SentEmails sentEmails, PublicUrls urls,
    IOptions<SmtpOptions> smtp, IOptions<AcknowledgementOptions> links, TimeProvider clock, IHostApplicationLifetime lifetime) : TaskActivity<SipInvitationRequest, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, SipInvitationRequest input)
    {
        var cancellationToken = lifetime.ApplicationStopping;
        // Scheduled just before the request stores the version: until it is stored, fail and let the retry policy wait.
        var stored = await store.MeetingAsync(input.MeetingId, cancellationToken);
        if (stored is null || stored.Sequence < input.Sequence)
        {
            throw new InvalidOperationException($"SIP meeting {input.MeetingId} sequence {input.Sequence} is not stored yet.");
        }

        // A newer version went out to the participants in its own delivery; a unit taken off still hears it is off.
        if (stored.Sequence > input.Sequence && !input.Cancel)
        {
            return false;
        }

        if (directory.FindUnit(input.UnitId) is not { } unit)
        {
            return false;
        }

        var meeting = stored with { Sequence = input.Sequence, Cancelled = input.Cancel || stored.Cancelled };
        var organizer = MimeKit.MailboxAddress.Parse(smtp.Value.From).Address;
        var messageId = SipInvitation.MessageId(meeting, unit.Email, organizer);
        if (await sentEmails.SentAtAsync(messageId, cancellationToken) is not null)
        {
            return true;
        }

        string? answerUrl = null;
        var now = clock.GetUtcNow();
        if (!meeting.Cancelled)
        {
            var expires = Min(meeting.End.AddDays(1), now + links.Value.TokenLifetime);
            answerUrl = $"{urls.BaseUrl}/sip/{await store.CreateAnswerTokenAsync(meeting, input.UnitId, expires, cancellationToken)}";
        }

        var reference = await references.FindAsync(input.TransitionId, cancellationToken) ?? input.TransitionId;
        var kind = meeting.Cancelled ? "SipCancellation" : "SipInvitation";
        try
        {
            await sender.SendAsync(
                SipInvitation.Email(meeting, reference, unit.Name, unit.Email, organizer, answerUrl, urls.Handover(input.TransitionId), now), cancellationToken);
        }
        catch (SmtpDeliveryException failed)
        {
            await sentEmails.RecordFailureAsync(input.TransitionId, input.UnitId, kind, unit.Email, messageId, clock.GetUtcNow(), failed.Message, cancellationToken);
            throw;
        }

        await sentEmails.RecordAsync(input.TransitionId, input.UnitId, kind, unit.Email, messageId, clock.GetUtcNow(), cancellationToken);
        return true;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
