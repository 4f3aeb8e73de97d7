using CareTransitions.Acknowledgements;
using CareTransitions.Configuration;
using CareTransitions.Notifications;
using CareTransitions.Telemetry;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;
using Platform.Mail;

namespace CareTransitions.Workflow.Activities;

/// <summary>
/// Emails one unit (or its escalation contact) with a fresh acknowledgement link, then records the
/// email and its audit row. Runs at least once: an email already recorded as sent is not sent again;
/// one sent just before a crash, before it was recorded, goes again with the same Message-ID. The
/// Message-ID comes from what the email is about, never from the attempt, so every retry repeats it.
/// </summary>
/// <remarks>
/// The SDK's activity context carries no cancellation token: the host's stopping token stands in, so a
/// shutdown still breaks off a slow SMTP conversation. The attempt then fails and is retried (retry
/// policy, or redelivery by the backend), which the sent-email check makes harmless.
/// </remarks>
internal sealed partial class NotifyUnit(
    SentEmails sentEmails,
    AcknowledgementTokens tokens,
    IEmailSender sender,
    PublicUrls urls,
    IOptions<AcknowledgementOptions> acknowledgementOptions,
    TimeProvider clock,
    IHostApplicationLifetime lifetime,
    TransitionMetrics metrics,
    ILogger<NotifyUnit> logger) : TaskActivity<NotificationRequest, NotificationResult>
{
    public override async Task<NotificationResult> RunAsync(TaskActivityContext context, NotificationRequest input)
    {
        var cancellationToken = lifetime.ApplicationStopping;
        var messageId = MessageIds.For(input.TransitionId, input.UnitId, input.Kind, input.MessageKey, sender.MessageIdDomain);
        if (await sentEmails.SentAtAsync(messageId, cancellationToken) is { } already)
        {
            return new NotificationResult(already, messageId);
        }

        var now = clock.GetUtcNow();
        string? link = null;
        DateTimeOffset? expires = null;
        if (input.IncludeLink)
        {
            expires = now + acknowledgementOptions.Value.TokenLifetime;
            link = urls.Ack(await tokens.CreateAsync(input.TransitionId, input.UnitId, now, expires.Value, cancellationToken));
        }

        var sending = clock.GetTimestamp();
        using (var span = WorkflowSpans.StartEmail(input, messageId))
        {
            try
            {
                await sender.SendAsync(EmailComposer.Compose(input, messageId, link, expires, urls.Handover(input.TransitionId)), cancellationToken);
            }
            catch (Exception e)
            {
                WorkflowSpans.Failed(span, e);
                metrics.EmailFailed(input.Kind, input.UnitType);
                if (e is SmtpDeliveryException failed)
                {
                    // The reason travels on as the activity's failure message: the retry policy sees it, and once retries
                    // run out the orchestrator shows it as the unit's NotificationError.
                    logger.EmailFailed(failed, input.Kind, input.UnitId, input.TransitionId, messageId, failed.Message);
                    await this.AuditFailureAsync(input, messageId, failed.Message, cancellationToken);
                }

                throw;
            }
        }

        metrics.EmailSent(input.Kind, input.UnitType);

        var smtpMs = (long)clock.GetElapsedTime(sending).TotalMilliseconds;
        var sent = clock.GetUtcNow();
        await sentEmails.RecordAsync(input, messageId, sent, cancellationToken);

        logger.EmailSent(input.Kind, input.UnitId, input.TransitionId, messageId, smtpMs);
        return new NotificationResult(sent, messageId);
    }

    private async Task AuditFailureAsync(NotificationRequest input, string messageId, string reason, CancellationToken cancellationToken)
    {
        try
        {
            await sentEmails.RecordFailureAsync(input, messageId, clock.GetUtcNow(), reason, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The mail failure is what the retry must see, not a second failure of the app store.
            logger.FailedEmailNotAudited(e, input.UnitId, input.TransitionId);
        }
    }
}
