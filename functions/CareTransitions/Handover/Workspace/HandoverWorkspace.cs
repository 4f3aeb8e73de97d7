using CareTransitions.AccessLogging;
using CareTransitions.Directory;
using CareTransitions.Handover.Access;
using CareTransitions.SignIn;
using CareTransitions.Sip;
using CareTransitions.Workflow;
using Microsoft.DurableTask.Client;

namespace CareTransitions.Handover.Workspace;

/// <summary>What a person is shown of one transition on the handover page.</summary>
/// <param name="PartyHsaId">The person's unit that gives access: the ward's HSA-id or a receiving unit's.</param>
internal sealed record HandoverView(
    string TransitionId, TransitionStatus Status, StaffMember Person, string PartyHsaId, Municipality? Municipality,
    IReadOnlyList<HandoverVersion> Versions, IReadOnlyList<ConversationMessage> Conversation, SipOnPage Sip)
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

    /// <summary>The person takes part but is not of the primary-care unit, which alone calls the SIP meeting; logged as "nekad".</summary>
    public sealed record NotSipCaller : HandoverAnswer;

    /// <summary>The person may call, move or cancel the transition's SIP meeting; the access log holds the action.</summary>
    public sealed record SipCaller(TransitionStatus Status) : HandoverAnswer;
}

/// <summary>The SIP meeting on the handover page: the latest (null when none was called), its answers, and whether the person calls it.</summary>
internal sealed record SipOnPage(SipMeeting? Meeting, IReadOnlyList<SipAnswer> Answers, bool MayCall);

/// <summary>
/// The handover workspace behind both hosts' pages: decides who may see a transition's patient data (the sending ward's
/// and the receiving units' staff, by HSA-id), logs every view and refusal in the access log before anything is shown,
/// and posts to the conversation. The durable client is the caller's, as each host has its own.
/// </summary>
internal sealed class HandoverWorkspace(
    UnitsDirectory directory, HandoverStore handovers, ConversationStore conversation, AccessLog accessLog,
    ConversationEmails emails, SipMeetingStore sipMeetings, TimeProvider clock)
{
    public const string ShownWhat = "patientuppgifter, planering, status, samtal";
    public const string PostedWhat = "samtal: skrev ett meddelande";

    /// <summary>Opens the transition for <paramref name="person"/>, logging the view or the refusal.</summary>
    public async Task<HandoverAnswer> OpenAsync(DurableTaskClient client, StaffMember person, string transitionId, string what, CancellationToken cancellationToken)
    {
        var (status, decision) = await this.DecideAsync(client, person, transitionId, what, sipCaller: false, cancellationToken);
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
        SipMeeting? meeting;
        try
        {
            versions = await handovers.HistoryAsync(transitionId, cancellationToken);
            messages = await conversation.ListAsync(transitionId, cancellationToken);
            meeting = await sipMeetings.LatestAsync(transitionId, cancellationToken);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            return new HandoverAnswer.Unreadable(e.Message);
        }

        var municipality = status.MunicipalityCode is { } code ? directory.FindMunicipality(code) : null;
        var answers = meeting is { Cancelled: false } ? await sipMeetings.AnswersAsync(meeting, cancellationToken) : [];
        var sip = new SipOnPage(meeting, answers, this.CallsSip(status, decision.UnitHsaId!));
        return new HandoverAnswer.Shown(new HandoverView(transitionId, status, person, decision.UnitHsaId!, municipality, versions, messages, sip));
    }

    /// <summary>
    /// Whether <paramref name="person"/> may call, move or cancel the SIP meeting: staff whose matching unit is the
    /// transition's primary-care unit. Logged first as <paramref name="what"/> (a refusal as "försök: …", outcome nekad).
    /// </summary>
    public async Task<HandoverAnswer> AuthorizeSipAsync(DurableTaskClient client, StaffMember person, string transitionId, string what, CancellationToken cancellationToken)
    {
        var (status, decision) = await this.DecideAsync(client, person, transitionId, what, sipCaller: true, cancellationToken);
        return status is null ? new HandoverAnswer.NotFound()
            : decision.Allowed ? new HandoverAnswer.SipCaller(status)
            : decision.UnitHsaId is null ? new HandoverAnswer.Refused()
            : new HandoverAnswer.NotSipCaller();
    }

    /// <summary>Whether the party is the transition's primary-care unit (vårdcentral), the one the law has call the SIP meeting.</summary>
    public bool CallsSip(TransitionStatus status, string partyHsaId) =>
        partyHsaId == HandoverAccess.AllUnitsInOpenMode || status.Units.Any(u => u.UnitType == UnitType.PrimaryCare && directory.FindUnit(u.UnitId)?.HsaId == partyHsaId);

    /// <summary>Posts <paramref name="text"/> for <paramref name="person"/> and emails every other party of the transition.</summary>
    public async Task<HandoverAnswer> PostAsync(
        DurableTaskClient client, StaffMember person, string transitionId, string text, CancellationToken cancellationToken)
    {
        var (status, decision) = await this.DecideAsync(client, person, transitionId, PostedWhat, sipCaller: false, cancellationToken);
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
        DurableTaskClient client, StaffMember person, string transitionId, string what, bool sipCaller, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(transitionId, getInputsAndOutputs: true, cancellationToken);
        var status = instance?.ReadCustomStatusAs<TransitionStatus>();
        if (status?.Ward is null)
        {
            return (null, HandoverAccessDecision.Refused);
        }

        var decision = HandoverAccess.Decide(person, status.Ward.HsaId, status.Units.Select(u => u.UnitId), directory);
        if (sipCaller && decision.Allowed && !this.CallsSip(status, decision.UnitHsaId!))
        {
            // Involved, but not the unit that calls: refused, with the unit the person came as.
            decision = decision with { Allowed = false };
        }

        // Logged before anything is shown: a view the log does not hold must not happen.
        await accessLog.RecordAsync(
            new AccessLogEntry(person.HsaId, person.Name, decision.UnitHsaId, transitionId, status.Reference,
                decision.Allowed ? what : $"försök: {what}", decision.Allowed ? AccessOutcome.Shown : AccessOutcome.Refused),
            cancellationToken);
        return (status, decision);
    }
}
