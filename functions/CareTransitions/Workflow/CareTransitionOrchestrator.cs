using CareTransitions.Workflow.Activities;
using Microsoft.DurableTask;
using Platform.Outcomes;

namespace CareTransitions.Workflow;

/// <summary>
/// One care transition (vårdövergång) per hospital episode: tells every routed unit, waits for each
/// acknowledgement, reminds and escalates on durable timers, follows the episode's later messages, and
/// records the outcome when every unit has acknowledged and the stay has ended.
/// </summary>
/// <remarks>
/// IMPORTANT: deterministic. Replayed from its history after every step and after a crash, so it takes
/// its time from <see cref="TaskOrchestrationContext.CurrentUtcDateTime"/>, its settings from its input,
/// and does every piece of I/O (routing, tokens, email, audit, statistics) in an activity. It logs only
/// through the replay-safe logger. The Durable Task analyzers fail the build on a breach.
/// </remarks>
internal sealed partial class CareTransitionOrchestrator : TaskOrchestrator<TransitionStart, TransitionOutcome>
{
    // Eight attempts, 2 s doubling to at most 5 min apart: rides out a mail server or disk that is
    // away for about four minutes before the failure shows on the status.
    internal static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(
        new RetryPolicy(maxNumberOfAttempts: 8, firstRetryInterval: TimeSpan.FromSeconds(2), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromMinutes(5)));

    public override async Task<TransitionOutcome> RunAsync(TaskOrchestrationContext context, TransitionStart input)
    {
        var logger = context.CreateReplaySafeLogger<CareTransitionOrchestrator>();
        var state = new TransitionState(input);
        var sender = new NotificationSender(context, state, Retry);
        var nextMessage = context.WaitForExternalEvent<TransitionMessage>(TransitionMessage.EventName);
        var nextAcknowledgement = context.WaitForExternalEvent<Acknowledgement>(Acknowledgement.EventName);
        // Waiting adds nothing to the history, so transitions started before the event replay unchanged.
        var nextSipCall = context.WaitForExternalEvent<SipCalled>(SipCalled.EventName);
        context.SetCustomStatus(state.ToStatus());
        if (input.FirstMessage is { } first)
        {
            await this.OnMessageAsync(context, state, sender, first);
            context.SetCustomStatus(state.ToStatus());
        }

        while (!state.IsComplete)
        {
            using var timerCancellation = new CancellationTokenSource();
            var dueAt = state.NextDueAt();
            var timer = dueAt is { } at ? context.CreateTimer(at.UtcDateTime, timerCancellation.Token) : null;
            var winner = await Task.WhenAny(timer is null ? [nextMessage, nextAcknowledgement, nextSipCall] : [nextMessage, nextAcknowledgement, nextSipCall, timer]);
            if (winner != timer)
            {
                timerCancellation.Cancel();
            }

            if (winner == nextMessage)
            {
                var message = await nextMessage;
                nextMessage = context.WaitForExternalEvent<TransitionMessage>(TransitionMessage.EventName);
                await this.OnMessageAsync(context, state, sender, message);
            }
            else if (winner == nextAcknowledgement)
            {
                state.Acknowledge(await nextAcknowledgement);
                nextAcknowledgement = context.WaitForExternalEvent<Acknowledgement>(Acknowledgement.EventName);
            }
            else if (winner == nextSipCall)
            {
                state.RecordSipCall(await nextSipCall);
                nextSipCall = context.WaitForExternalEvent<SipCalled>(SipCalled.EventName);
            }
            else
            {
                // A timer may be handed back a moment before its due time on some clocks; never act earlier than due.
                var now = Max(Now(context), dueAt!.Value);
                var sipFollowUp = state.SipFollowUpDueAt(now);
                await Task.WhenAll(state.DueAt(now).Select(due => sender.FollowUpAsync(due.Unit, due.Kind, now))
                    .Concat(state.UpdatesDueAt(now).Select(unit => sender.UpdateAsync(unit, now)))
                    .Concat(sipFollowUp is { } kind && state.SipCaller is { } caller ? [sender.SipFollowUpAsync(caller, kind, now)] : []));
            }

            context.SetCustomStatus(state.ToStatus());
        }

        // A SIP call delivered in the same batch of events as the message that completed the transition arrives after the
        // loop has ended: read it, so the outcome carries the real call time. It adds nothing to the history (replay-safe).
        if (nextSipCall.IsCompleted)
        {
            state.RecordSipCall(await nextSipCall);
        }

        // Changes still waiting in their window are told before the transition ends: nothing is left unsaid.
        await Task.WhenAll(state.Units.Where(u => u.PendingChanges.Count > 0).Select(u => sender.UpdateAsync(u, Now(context))));
        var outcome = state.ToOutcome(Now(context));
        await context.CallActivityAsync<bool>(nameof(RecordOutcome), outcome, Retry);
        logger.TransitionCompleted(state.TransitionId, state.Units.Count);
        return outcome;
    }

    private async Task OnMessageAsync(TaskOrchestrationContext context, TransitionState state, NotificationSender sender, TransitionMessage message)
    {
        var isFirst = state.First is null;
        if (!state.Apply(message))
        {
            return;
        }

        var routed = await context.CallActivityAsync<RoutedUnits>(
            nameof(RouteUnits), new RouteRequest(state.First!.MunicipalityCode, state.Needs), Retry);
        state.AssistiveDevicesResponsibility = routed.AssistiveDevicesResponsibility;
        var informed = state.Units.Where(u => u.NotifiedAt is not null).ToList();
        var added = state.AddUnits(routed.Units);
        // Published before the emails go out, so a link clicked at once finds its unit on the status.
        context.SetCustomStatus(state.ToStatus());
        var sends = added.Select(u => sender.NotifyAsync(u, message));
        if (!isFirst && (message.Type != MessageType.AdmissionNotice || message.HandoverVersion is not null))
        {
            // Units told earlier hear what changed: ready, a new date, a withdrawal, the discharge. At once, unless
            // the unit had an update within the window; then with the changes that follow, when the window ends.
            var now = Now(context);
            var change = new PendingChange(message.MessageId, message.Type, message.HandoverVersion);
            var dueNow = informed.Where(u => state.QueueChange(u, change, now)).ToList();
            sends = sends.Concat(dueNow.Select(u => sender.UpdateAsync(u, now)));
        }

        await Task.WhenAll(sends);
    }

    private static DateTimeOffset Now(TaskOrchestrationContext context) =>
        new(DateTime.SpecifyKind(context.CurrentUtcDateTime, DateTimeKind.Utc));

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
