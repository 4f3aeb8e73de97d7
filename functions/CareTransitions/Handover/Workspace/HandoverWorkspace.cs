using CareTransitions.AccessLogging;
using CareTransitions.Directory;
using CareTransitions.Handover.Access;
using CareTransitions.SignIn;
using CareTransitions.Workflow;
using Microsoft.DurableTask.Client;

namespace CareTransitions.Handover.Workspace;

/// <summary>What a person is shown of one transition on the handover page.</summary>
/// <param name="PartyHsaId">The person's unit that gives access: the ward's HSA-id or a receiving unit's.</param>
internal sealed record HandoverView(
    string TransitionId, TransitionStatus Status, StaffMember Person, string PartyHsaId, Municipality? Municipality,
    IReadOnlyList<HandoverVersion> Versions, IReadOnlyList<ConversationMessage> Conversation)
{
    public HandoverVersion? Latest => this.Versions.Count > 0 ? this.Versions[^1] : null;
}

/// <summary>What came of opening a transition, or of posting to its conversation.</summary>
internal abstract record HandoverAnswer
{
    public sealed record Shown(HandoverView View) : HandoverAnswer;

    /// <summary>The message is stored; <paramref name="NotEmailed"/> names the parties no email reached.</summary>
    public sealed record Posted(IReadOnlyList<string> NotEmailed) : HandoverAnswer;

    /// <summary>No such transition (or it ended and was purged): nothing to show, nothing logged as a view.</summary>
    public sealed record NotFound : HandoverAnswer;

    /// <summary>The person is not staff of the ward or of a receiving unit; logged as "nekad".</summary>
    public sealed record Refused : HandoverAnswer;

    /// <summary>A record is sealed under a key this host does not have (removed before the rotation command ran).</summary>
    public sealed record Unreadable(string KeyProblem) : HandoverAnswer;
}

/// <summary>
/// The handover workspace behind both hosts' pages: decides who may see a transition's patient data (the sending ward's
/// and the receiving units' staff, by HSA-id), logs every view and refusal in the access log before anything is shown,
/// and posts to the conversation. The durable client is the caller's, as each host has its own.
/// </summary>
internal sealed class HandoverWorkspace(
    UnitsDirectory directory, HandoverStore handovers, ConversationStore conversation, AccessLog accessLog,
    ConversationEmails emails, TimeProvider clock)
{
    public const string ShownWhat = "patientuppgifter, planering, status, samtal";
    public const string PostedWhat = "samtal: skrev ett meddelande";

    /// <summary>Opens the transition for <paramref name="person"/>, logging the view or the refusal.</summary>
    public async Task<HandoverAnswer> OpenAsync(DurableTaskClient client, StaffMember person, string transitionId, string what, CancellationToken cancellationToken)
    {
        var (status, decision) = await this.DecideAsync(client, person, transitionId, what, cancellationToken);
        if (status is null)
        {
            return new HandoverAnswer.NotFound();
        }

        if (!decision.Allowed)
        {
            return new HandoverAnswer.Refused();
        }

        IReadOnlyList<HandoverVersion> versions;
        IReadOnlyList<ConversationMessage> messages;
        try
        {
            versions = await handovers.HistoryAsync(transitionId, cancellationToken);
            messages = await conversation.ListAsync(transitionId, cancellationToken);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            return new HandoverAnswer.Unreadable(e.Message);
        }

        var municipality = status.MunicipalityCode is { } code ? directory.FindMunicipality(code) : null;
        return new HandoverAnswer.Shown(new HandoverView(transitionId, status, person, decision.UnitHsaId!, municipality, versions, messages));
    }

    /// <summary>Posts <paramref name="text"/> for <paramref name="person"/> and emails every other party of the transition.</summary>
    public async Task<HandoverAnswer> PostAsync(
        DurableTaskClient client, StaffMember person, string transitionId, string text, CancellationToken cancellationToken)
    {
        var (status, decision) = await this.DecideAsync(client, person, transitionId, PostedWhat, cancellationToken);
        if (status is null)
        {
            return new HandoverAnswer.NotFound();
        }

        if (!decision.Allowed)
        {
            return new HandoverAnswer.Refused();
        }

        var party = this.PartyName(status, decision.UnitHsaId!);
        await conversation.PostAsync(transitionId, decision.UnitHsaId!, new ConversationEntry(person.Name, person.HsaId, party, text), clock.GetUtcNow(), cancellationToken);
        var latest = await handovers.LatestAsync(transitionId, cancellationToken);
        var notEmailed = await emails.TellOthersAsync(transitionId, status, decision.UnitHsaId!, party, latest?.Information.Plan?.Contact?.Email, cancellationToken);
        return new HandoverAnswer.Posted(notEmailed);
    }

    /// <summary>The name a party goes by on the page: the ward's, or the receiving unit's from the directory.</summary>
    public string PartyName(TransitionStatus status, string partyHsaId) =>
        status.Ward is { } ward && ward.HsaId == partyHsaId ? ward.Name
        : directory.FindUnitByHsaId(partyHsaId)?.Name ?? partyHsaId;

    private async Task<(TransitionStatus? Status, HandoverAccessDecision Decision)> DecideAsync(
        DurableTaskClient client, StaffMember person, string transitionId, string what, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(transitionId, getInputsAndOutputs: true, cancellationToken);
        var status = instance?.ReadCustomStatusAs<TransitionStatus>();
        if (status?.Ward is null)
        {
            return (null, HandoverAccessDecision.Refused);
        }

        var decision = HandoverAccess.Decide(person, status.Ward.HsaId, status.Units.Select(u => u.UnitId), directory);
        // Logged before anything is shown: a view the log does not hold must not happen.
        await accessLog.RecordAsync(
            new AccessLogEntry(person.HsaId, person.Name, decision.UnitHsaId, transitionId, status.Reference,
                decision.Allowed ? what : $"försök: {what}", decision.Allowed ? AccessOutcome.Shown : AccessOutcome.Refused),
            cancellationToken);
        return (status, decision);
    }
}
