using CareTransitions.Directory;
using CareTransitions.Notifications;
using CareTransitions.Workflow.Activities;
using Microsoft.DurableTask;

namespace CareTransitions.Workflow;

/// <summary>
/// The orchestrator's side of emailing a unit: builds the request from the state, calls the
/// <see cref="NotifyUnit"/> activity and writes the result back. Deterministic like its orchestrator.
/// </summary>
internal sealed partial class NotificationSender(TaskOrchestrationContext context, TransitionState state, TaskOptions retry)
{
    public async Task NotifyAsync(UnitProgress unit, TransitionMessage message)
    {
        var result = await this.SendAsync(unit, NotificationKind.Notification, unit.Unit.Email, unit.Unit.Name, message.Type, string.Empty);
        // Even when every retry failed the unit's clocks start now, so the reminder tries again and
        // the escalation reaches a person; the failure shows as NotificationError on the status.
        unit.NotifiedAt = result?.SentAt ?? new DateTimeOffset(DateTime.SpecifyKind(context.CurrentUtcDateTime, DateTimeKind.Utc));
    }

    /// <summary>One email with every change waiting for the unit, which then starts a new window.</summary>
    public Task UpdateAsync(UnitProgress unit, DateTimeOffset now)
    {
        var changes = unit.PendingChanges.ToList();
        unit.PendingChanges.Clear();
        unit.LastUpdateAt = now;
        // A single change keeps the key it always had, so a replayed or retried send repeats its Message-ID.
        var key = string.Join(',', changes.Select(c => c.MessageId));
        return this.SendAsync(
            unit, NotificationKind.Update, unit.Unit.Email, unit.Unit.Name, changes[^1].Type, key, [.. changes.Select(c => c.Type)],
            newHandoverInformation: changes.Any(c => c.HandoverVersion is not null));
    }

    public async Task FollowUpAsync(UnitProgress unit, FollowUp kind, DateTimeOffset now)
    {
        if (kind == FollowUp.Reminder)
        {
            var reminded = await this.SendAsync(unit, NotificationKind.Reminder, unit.Unit.Email, unit.Unit.Name, null, string.Empty);
            unit.RemindedAt = reminded?.SentAt ?? now;
            return;
        }

        // Office hours are judged at the moment the escalation falls due, in Swedish time.
        var contact = state.Settings.OfficeHours.IsOpen(now) ? unit.Unit.Escalation : unit.Unit.OnCall;
        var escalated = await this.SendAsync(unit, NotificationKind.Escalation, contact.Email, contact.Name, null, string.Empty);
        unit.EscalatedAt = escalated?.SentAt ?? now;
        unit.EscalatedTo = contact == unit.Unit.Escalation ? "Escalation" : "OnCall";
    }

    /// <summary>The SIP meeting was not called by its due day: remind the primary-care unit, then escalate as for an acknowledgement.</summary>
    public async Task SipFollowUpAsync(UnitProgress caller, FollowUp kind, DateTimeOffset now)
    {
        if (kind == FollowUp.Reminder)
        {
            var reminded = await this.SendAsync(caller, NotificationKind.SipReminder, caller.Unit.Email, caller.Unit.Name, null, string.Empty, includeLink: false);
            state.Sip.RemindedAt = reminded?.SentAt ?? now;
            return;
        }

        var contact = state.Settings.OfficeHours.IsOpen(now) ? caller.Unit.Escalation : caller.Unit.OnCall;
        var escalated = await this.SendAsync(caller, NotificationKind.SipEscalation, contact.Email, contact.Name, null, string.Empty, includeLink: false);
        state.Sip.EscalatedAt = escalated?.SentAt ?? now;
        state.Sip.EscalatedTo = contact == caller.Unit.Escalation ? "Escalation" : "OnCall";
    }

    private async Task<NotificationResult?> SendAsync(
        UnitProgress unit, NotificationKind kind, string recipient, string recipientName, MessageType? messageType, string messageKey,
        IReadOnlyList<MessageType>? changes = null, bool newHandoverInformation = false, bool? includeLink = null)
    {
        var first = state.First!;
        var request = new NotificationRequest(
            state.TransitionId, unit.Unit.Id, unit.Unit.Type, unit.Unit.Name, kind, recipient, recipientName, messageKey,
            IncludeLink: includeLink ?? unit.AcknowledgedAt is null,
            new NotificationDetails(
                first.Ward, messageType, state.Needs.ToList(), state.ExpectedDischargeDate, state.ReadyForDischargeAt,
                state.SipRequired && unit.Unit.Type == UnitType.PrimaryCare && state.ReadyForDischargeAt is { } ready ? LawDeadlines.SipDue(ready) : null,
                state.Needs.Contains(Need.AssistiveDevices) ? state.AssistiveDevicesResponsibility : null,
                state.Phase,
                changes is { Count: > 1 } ? changes : null,
                state.Reference,
                newHandoverInformation));
        try
        {
            var result = await context.CallActivityAsync<NotificationResult>(nameof(NotifyUnit), request, retry);
            unit.NotificationError = null;
            return result;
        }
        catch (TaskFailedException failed)
        {
            // Out of retries (the mail server has been down for a long while): show it on the status
            // and keep the transition alive; the escalation timer still runs from the first attempt.
            unit.NotificationError = $"{kind}: {failed.FailureDetails.ErrorMessage}";
            context.CreateReplaySafeLogger<NotificationSender>().EmailGaveUp(kind, unit.Unit.Id, state.TransitionId, failed.FailureDetails.ErrorMessage);
            return null;
        }
    }
}
