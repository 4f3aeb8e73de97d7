using CareTransitions.Acknowledgements;
using CareTransitions.Audit;
using CareTransitions.Configuration;
using CareTransitions.Directory;
using CareTransitions.Notifications;
using CareTransitions.SignIn;
using CareTransitions.Workflow;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Platform.Mail;
using static CareTransitions.Worklist.WorklistText;

namespace CareTransitions.Worklist;

/// <summary>What an action answers: a notice for the page, or the reason it was not done.</summary>
internal sealed record ActionAnswer(string? Notice, string? Error)
{
    public static ActionAnswer Done(string notice) => new(notice, null);

    public static ActionAnswer Refused(string error) => new(null, error);
}

/// <summary>
/// The work list's three actions, each audited with who (the person's HSA-id and name) and why (the reason they gave).
/// Each reaches the workflow the way its ordinary path does, so the orchestrator needs nothing of its own for them.
/// </summary>
internal sealed class WorklistActions(
    AcknowledgementTokens tokens,
    AcknowledgementStore acknowledgements,
    IEmailSender sender,
    SentEmails sentEmails,
    PublicUrls urls,
    IOptions<AcknowledgementOptions> acknowledgementOptions,
    UnitsDirectory directory,
    AuditLog audit,
    TimeProvider clock)
{
    /// <summary>Who the audit log names: the HSA-id a reader can look up, and the name they know.</summary>
    public static string Actor(StaffMember person) => $"hsa:{person.HsaId} ({person.Name})";

    /// <summary>
    /// A new link to a unit that has not acknowledged, in the email <see cref="Workflow.Activities.NotifyUnit"/> composes;
    /// once it is sent the unit's older links stop working. Should the email fail, the old link still works.
    /// </summary>
    public async Task<ActionAnswer> ResendAsync(StaffMember person, WorklistRow row, string unitId, string reason, CancellationToken cancellationToken)
    {
        var unit = row.Status.Units.FirstOrDefault(u => u.UnitId == unitId);
        if (unit is null || unit.NotifiedAt is null)
        {
            return ActionAnswer.Refused("Enheten finns inte i vårdövergången, eller har inte fått något meddelande ännu.");
        }
        if (unit.AcknowledgedAt is not null)
        {
            return ActionAnswer.Refused($"{unit.Name} har redan kvitterat ({Time(unit.AcknowledgedAt)} av {unit.AcknowledgedBy}); ingen ny länk behövs.");
        }
        if (directory.FindUnit(unitId) is not { } known)
        {
            return ActionAnswer.Refused($"{unit.Name} finns inte längre i enhetskatalogen, så e-postadressen är okänd. Ring enheten.");
        }

        var now = clock.GetUtcNow();
        var expires = now + acknowledgementOptions.Value.TokenLifetime;
        var token = await tokens.CreateAsync(row.Id, unitId, now, expires, cancellationToken);
        var request = new NotificationRequest(
            row.Id, unitId, unit.UnitType, unit.Name, NotificationKind.Notification, known.Email, known.Name,
            $"omsandning-{now.ToUnixTimeMilliseconds()}", IncludeLink: true, Details(row.Status, unit));
        var messageId = MessageIds.For(row.Id, unitId, request.Kind, request.MessageKey, sender.MessageIdDomain);
        try
        {
            await sender.SendAsync(EmailComposer.Compose(request, messageId, urls.Ack(token), expires, urls.Handover(row.Id)), cancellationToken);
        }
        catch (SmtpDeliveryException e)
        {
            await audit.RecordAsync(Actor(person), AuditActions.EmailFailed, row.Id, unitId, $"omsändning: {e.Message}", cancellationToken);
            return ActionAnswer.Refused($"E-posten kunde inte skickas ({e.Message}). Den gamla länken gäller fortfarande; försök igen eller ring enheten.");
        }

        await sentEmails.RecordAsync(request, messageId, clock.GetUtcNow(), cancellationToken);
        var revoked = await tokens.RevokeOthersAsync(row.Id, unitId, token, clock.GetUtcNow(), cancellationToken);
        await audit.RecordAsync(Actor(person), AuditActions.LinkResent, row.Id, unitId, $"skäl: {reason}; äldre länkar spärrade: {revoked}", cancellationToken);
        return ActionAnswer.Done($"En ny länk är skickad till {unit.Name} ({known.Email}). Den gamla länken fungerar inte längre.");
    }

    /// <summary>
    /// The unit took over on the phone: stored as its acknowledgement (the first one counts, as with the link) and told to
    /// the workflow as an acknowledgement by phone, which the statistics count apart.
    /// </summary>
    public async Task<ActionAnswer> AcknowledgeByPhoneAsync(
        StaffMember person, WorklistRow row, string unitId, string name, string reason, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var unit = row.Status.Units.FirstOrDefault(u => u.UnitId == unitId);
        if (unit is null)
        {
            return ActionAnswer.Refused("Enheten finns inte i vårdövergången.");
        }

        var (stored, isNew) = await acknowledgements.RecordAsync(row.Id, unitId, name, clock.GetUtcNow(), cancellationToken);
        if (!isNew)
        {
            return ActionAnswer.Refused($"{unit.Name} hade redan kvitterat ({Time(stored.AcknowledgedAt)} av {stored.AcknowledgedBy}).");
        }

        await client.RaiseEventAsync(
            row.Id, Acknowledgement.EventName, new Acknowledgement(unitId, stored.AcknowledgedBy, stored.AcknowledgedAt, AcknowledgementChannel.Phone), cancellationToken);
        await audit.RecordAsync(Actor(person), AuditActions.AcknowledgedByPhone, row.Id, unitId, $"tog över: {name}; skäl: {reason}", cancellationToken);
        return ActionAnswer.Done($"Kvittensen från {unit.Name} ({name}) är registrerad som kvittens via telefon. Listan visar den inom några sekunder.");
    }

    /// <summary>
    /// Avbrott on the ward's behalf: the same "Message" event a Withdrawn message from the ward raises, built from the
    /// transition's first message (its pseudonym, never the personnummer), so the orchestrator treats both alike.
    /// </summary>
    public async Task<ActionAnswer> WithdrawAsync(
        StaffMember person, WorklistRow row, OrchestrationMetadata instance, string reason, DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (!row.IsWard)
        {
            return ActionAnswer.Refused("Bara personal på avdelningen som skickade vårdövergången kan göra avbrott.");
        }
        if (row.Status.Phase != TransitionPhase.ReadyForDischarge)
        {
            return ActionAnswer.Refused("Patienten är inte utskrivningsklar, så det finns inget att göra avbrott på.");
        }
        if (instance.ReadInputAs<TransitionStart>()?.FirstMessage is not { } first)
        {
            return ActionAnswer.Refused("Vårdövergången startade före den här funktionen. Be avdelningen skicka avbrottet från sitt system.");
        }

        var now = clock.GetUtcNow();
        var message = new TransitionMessage(
            $"samordning-avbrott-{Guid.NewGuid():N}", MessageType.Withdrawn, now, now, first.PatientPseudonym, first.MunicipalityCode, first.Ward,
            first.CareType, ExpectedDischargeDate: null, Needs: [], row.Status.Reference);
        await client.RaiseEventAsync(row.Id, TransitionMessage.EventName, message, cancellationToken);
        await audit.RecordAsync(Actor(person), AuditActions.WithdrawnForWard, row.Id, null, $"skäl: {reason}; meddelande: {message.MessageId}", cancellationToken);
        return ActionAnswer.Done("Avbrottet är gjort: patienten är inte längre utskrivningsklar och enheterna får veta det. Listan visar det inom några sekunder.");
    }

    private static NotificationDetails Details(TransitionStatus s, UnitStatus unit) => new(
        s.Ward!, s.Phase switch
        {
            TransitionPhase.ReadyForDischarge => MessageType.ReadyForDischarge,
            TransitionPhase.Withdrawn => MessageType.Withdrawn,
            TransitionPhase.Discharged => MessageType.Discharged,
            _ => MessageType.AdmissionNotice,
        },
        s.Needs, s.ExpectedDischargeDate, s.Deadlines.ReadyForDischargeAt,
        unit.UnitType == Directory.UnitType.PrimaryCare ? s.Deadlines.SipDue : null,
        AssistiveDevicesResponsibility: null, s.Phase, Changes: null, s.Reference);
}
