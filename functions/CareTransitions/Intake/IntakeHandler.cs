using System.Text.Json;
using CareTransitions.Audit;
using CareTransitions.Directory;
using CareTransitions.Handover;
using CareTransitions.Privacy;
using CareTransitions.Telemetry;
using CareTransitions.Workflow;
using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CareTransitions.Intake;

/// <summary>How intake answered one message.</summary>
internal abstract record IntakeOutcome
{
    /// <summary>Accepted; <paramref name="FirstDelivery"/> is set when the messageId had been accepted before, and this delivery changed nothing.</summary>
    public sealed record Accepted(string TransitionId, ProcessedMessage? FirstDelivery = null) : IntakeOutcome
    {
        public bool Duplicate => this.FirstDelivery is not null;
    }

    public sealed record Invalid(Dictionary<string, string[]> Errors) : IntakeOutcome;

    public sealed record UnknownMunicipality(string Code) : IntakeOutcome;

    public sealed record Conflict(string Detail) : IntakeOutcome;

    /// <summary>The sender's key does not cover the message's ward.</summary>
    public sealed record Forbidden(string Detail) : IntakeOutcome;
}

/// <summary>
/// The one code path for every incoming message, whether it came over HTTP or from the queue:
/// validate, refuse what cannot be routed, start the episode's transition if needed, hand it the
/// message, and remember the messageId so a resend changes nothing.
/// </summary>
internal sealed partial class IntakeHandler(
    ProcessedMessages processed,
    DurableTaskClient client,
    UnitsDirectory directory,
    PatientPseudonymizer pseudonymizer,
    TransitionReferences references,
    HandoverStore handovers,
    WorkflowSettings settings,
    PaymentRuleCatalog paymentRules,
    TimeProvider clock,
    TransitionMetrics metrics,
    ILogger<IntakeHandler> logger)
{
    /// <summary>How long a message waits for its episode's transition, started by another message a moment ago, to run.</summary>
    private static readonly TimeSpan StartWait = TimeSpan.FromSeconds(30);

    /// <summary>Handles one message from <paramref name="sender"/> (<see cref="Sender.Any"/>: the shared key, or the queue).</summary>
    public async Task<IntakeOutcome> HandleAsync(JsonElement body, string channel, Sender sender, CancellationToken cancellationToken)
    {
        using var span = WorkflowSpans.StartIntake(channel);
        var outcome = await this.HandleMessageAsync(body, channel, sender, cancellationToken);
        WorkflowSpans.EndIntake(span, metrics, channel, outcome);
        return outcome;
    }

    private async Task<IntakeOutcome> HandleMessageAsync(JsonElement body, string channel, Sender sender, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var message = IntakeRequest.Validate(body, now, out var errors);
        if (message is null)
        {
            return new IntakeOutcome.Invalid(errors);
        }

        if (!sender.MaySendFor(message.Ward.HsaId))
        {
            return new IntakeOutcome.Forbidden($"This key ({sender.Name}) may not send for ward {message.Ward.HsaId}: its Intake:Senders entry lists the care providers and wards it sends for. Nothing was stored.");
        }

        // Two systems may both number their messages from 1: a named sender's messageIds are its own.
        message = message with { MessageId = sender.ScopedMessageId(message.MessageId) };

        var transitionId = TransitionIds.For(message.Ward.HsaId, message.EpisodeId);
        var seen = await processed.FindAsync(message.MessageId, cancellationToken);
        if (seen is not null)
        {
            return seen.TransitionId == transitionId
                ? new IntakeOutcome.Accepted(seen.TransitionId, seen)
                : new IntakeOutcome.Conflict($"messageId '{message.MessageId}' was already used for another episode.");
        }

        if (directory.FindMunicipality(message.MunicipalityCode) is null)
        {
            return new IntakeOutcome.UnknownMunicipality(message.MunicipalityCode);
        }

        var instance = await client.GetInstanceAsync(transitionId, cancellationToken);
        if (instance is { IsCompleted: true })
        {
            return new IntakeOutcome.Conflict($"The transition for this episode has ended ({instance.RuntimeStatus}); it takes no more messages.");
        }

        if (instance is null && message.Type == MessageType.PlanningUpdated)
        {
            return new IntakeOutcome.Conflict("A PlanningUpdated message updates a transition that has started: send the episode's AdmissionNotice or ReadyForDischarge first. Nothing was stored.");
        }

        // The personal data goes to the sealed store, never into the engine: the orchestration hears of a reference and a version number.
        var reference = await references.EnsureAsync(transitionId, message.MunicipalityCode, message.Ward.HsaId, cancellationToken);
        var (version, added) = await handovers.SaveAsync(
            transitionId, message.MessageId, new HandoverInformation(message.PersonalIdentityNumber, message.PatientName, message.Plan), now, cancellationToken);
        var pseudonymized = Pseudonymized(message, now) with { Reference = reference, HandoverVersion = added && version > 1 ? version : null };
        // A new episode's first message is the orchestration's input, so no event can overtake the start.
        if (instance is not null || !await this.TryStartWithAsync(transitionId, pseudonymized, cancellationToken))
        {
            // IMPORTANT: an event goes only to an instance that has started. A backend need not keep an event for an
            // instance that has not: Durable Functions' Azure Storage provider discards it ("No such instance") when
            // the event is dequeued before the start, and Microsoft's in-memory one never delivers it.
            // IMPORTANT: the event goes to the engine before the messageId is recorded. A crash in between makes the
            // sender's retry raise it again, which the orchestrator ignores by messageId; the other order could lose it.
            await this.WaitUntilStartedAsync(transitionId, instance, cancellationToken);
            await client.RaiseEventAsync(transitionId, TransitionMessage.EventName, pseudonymized, cancellationToken);
        }

        var actor = sender.IsAnyWard ? $"sender:{TransitionIds.Sender(message.Ward.HsaId)}" : $"sender:{sender.Name}";
        var audit = new AuditEntry(now, actor, AuditActions.MessageReceived, transitionId, null, $"{message.Type} {message.MessageId} via {channel}");
        var isNew = await processed.RecordAsync(message, transitionId, channel, audit, cancellationToken);
        logger.MessageAccepted(message.Type, message.MessageId, transitionId, channel);
        // Another delivery of the same messageId recorded it a moment before this one: that one is the first.
        return new IntakeOutcome.Accepted(transitionId, isNew ? null : await processed.FindAsync(message.MessageId, cancellationToken));
    }

    /// <summary>
    /// Starts the episode's transition with <paramref name="first"/> as its first message; false when another message
    /// of the same episode (or the same message delivered to another instance) started it at the same moment. Only one
    /// start may win, because a second start of a running instance would restart it: the backend's instance row decides.
    /// </summary>
    private async Task<bool> TryStartWithAsync(string transitionId, TransitionMessage first, CancellationToken cancellationToken)
    {
        var start = new TransitionStart(transitionId, settings with { PaymentRule = paymentRules.For(first.MunicipalityCode) }, first);
        var options = new StartOrchestrationOptions(transitionId).WithDedupeStatuses(OpenTransitionStatuses.Open);
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(nameof(CareTransitionOrchestrator), start, options, cancellationToken);
            metrics.TransitionStarted();
            return true;
        }
        catch (OrchestrationAlreadyExistsException)
        {
            // The other message started it; this one joins it as an event like any later message.
            return false;
        }
    }

    /// <summary>
    /// Returns once the instance runs; a sender whose message finds it still pending after <see cref="StartWait"/>
    /// gets a timeout (503, send again), its messageId unrecorded, rather than an event the backend might drop.
    /// </summary>
    private async Task WaitUntilStartedAsync(string transitionId, OrchestrationMetadata? known, CancellationToken cancellationToken)
    {
        if (known is not null && known.RuntimeStatus != OrchestrationRuntimeStatus.Pending)
        {
            return;
        }

        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(StartWait);
        try
        {
            await client.WaitForInstanceStartAsync(transitionId, getInputsAndOutputs: false, wait.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Transition {transitionId} has not started within {StartWait.TotalSeconds:0} s; send the message again.");
        }
    }

    private TransitionMessage Pseudonymized(ValidIntakeMessage m, DateTimeOffset receivedAt) => new(
        m.MessageId, m.Type, m.OccurredAt, receivedAt, pseudonymizer.Pseudonymize(m.PersonalIdentityNumber),
        m.MunicipalityCode, m.Ward, m.CareType, m.ExpectedDischargeDate, m.Needs);

    // Never the body: it holds a personnummer.
}
