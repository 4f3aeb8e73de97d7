using CareTransitions.Directory;
using Platform.Outcomes;

namespace CareTransitions.Workflow;

/// <summary>Settings fixed for the life of one transition (copied into its input, so a config change never alters a replay).</summary>
/// <param name="UpdateEmailWindow">Zero in transitions started before updates were coalesced: each change went out at once.</param>
/// <param name="FollowsSipCall">
/// False in transitions started before the SIP call was an event: they never schedule its reminder (a new timer would break
/// their replay), and their outcome says the call time is unknown rather than guessing it.
/// </param>
internal sealed record WorkflowSettings(
    TimeSpan ReminderAfter, TimeSpan EscalateAfter, OfficeHours OfficeHours, PaymentResponsibilityRule PaymentRule, TimeSpan UpdateEmailWindow = default,
    bool FollowsSipCall = false);

/// <summary>A change of the episode that a unit told earlier has still to hear of.</summary>
/// <param name="HandoverVersion">The handover information's new version, when the message brought one.</param>
internal sealed record PendingChange(string MessageId, MessageType Type, int? HandoverVersion = null);

/// <summary>The orchestration's input: the episode's first message with it (null in transitions started before it carried one, which got it as an event).</summary>
internal sealed record TransitionStart(string TransitionId, WorkflowSettings Settings, TransitionMessage? FirstMessage = null);

/// <summary>One unit's progress within a transition.</summary>
internal sealed class UnitProgress(Unit unit)
{
    public Unit Unit { get; } = unit;
    public DateTimeOffset? NotifiedAt { get; set; }
    public DateTimeOffset? RemindedAt { get; set; }
    public DateTimeOffset? EscalatedAt { get; set; }
    public string? EscalatedTo { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public string? AcknowledgedBy { get; set; }
    public AcknowledgementChannel AcknowledgedVia { get; set; }
    public string? NotificationError { get; set; }

    /// <summary>When the unit's last update email was sent (orchestration time); changes within the window wait.</summary>
    public DateTimeOffset? LastUpdateAt { get; set; }

    /// <summary>Changes not yet emailed, in the order they came.</summary>
    public List<PendingChange> PendingChanges { get; } = [];

    public bool AwaitsAcknowledgement => this.AcknowledgedAt is null && this.NotifiedAt is not null;
}

/// <summary>What a due timer asks the orchestrator to send.</summary>
internal enum FollowUp { Reminder, Escalation }

/// <summary>
/// Everything a transition knows, changed only by messages, acknowledgements and the clock the
/// orchestrator passes in. Pure (no I/O, no clock of its own), so it is unit-tested without a host.
/// </summary>
internal sealed class TransitionState(TransitionStart start)
{
    private readonly HashSet<string> processedMessageIds = new(StringComparer.Ordinal);
    private readonly List<ReadyPeriod> readyPeriods = [];
    private readonly List<Need> needs = [];

    public string TransitionId => start.TransitionId;
    public WorkflowSettings Settings => start.Settings;
    public List<UnitProgress> Units { get; } = [];
    public TransitionMessage? First { get; private set; }

    /// <summary>The SIP meeting: when it was first called, and the reminder and escalation when it was not.</summary>
    public SipCallProgress Sip { get; } = new();

    /// <summary>The short reference intake gave the transition (null in transitions from before references).</summary>
    public string? Reference { get; private set; }
    public DateOnly? ExpectedDischargeDate { get; private set; }
    public DateTimeOffset? AdmittedAt { get; private set; }
    public DateTimeOffset? AdmissionNoticeAt { get; private set; }
    public DateTimeOffset? DischargedAt { get; private set; }
    public int WithdrawalCount { get; private set; }
    public string AssistiveDevicesResponsibility { get; set; } = string.Empty;
    public IReadOnlyList<Need> Needs => this.needs;
    public DateTimeOffset? ReadyForDischargeAt => this.readyPeriods.Count > 0 ? this.readyPeriods[0].NotifiedAt : null;
    public bool IsReady => this.readyPeriods.Count > 0 && this.readyPeriods[^1].EndedAt is null;
    public bool IsComplete => this.DischargedAt is not null && this.Units.Count > 0 && this.Units.All(u => u.AcknowledgedAt is not null);

    /// <summary>Applies a message; false when it was seen before (same messageId), which changes nothing.</summary>
    public bool Apply(TransitionMessage message)
    {
        if (!this.processedMessageIds.Add(message.MessageId))
        {
            return false;
        }

        this.First ??= message;
        this.Reference ??= message.Reference;
        this.needs.AddRange(message.Needs.Where(n => !this.needs.Contains(n)));
        this.ExpectedDischargeDate = message.ExpectedDischargeDate ?? this.ExpectedDischargeDate;
        switch (message.Type)
        {
            case MessageType.AdmissionNotice:
                this.AdmittedAt ??= message.OccurredAt;
                this.AdmissionNoticeAt ??= message.ReceivedAt;
                break;
            case MessageType.ReadyForDischarge when !this.IsReady && this.DischargedAt is null:
                this.readyPeriods.Add(new ReadyPeriod(message.OccurredAt, null));
                break;
            case MessageType.Withdrawn when this.IsReady:
                this.readyPeriods[^1] = this.readyPeriods[^1] with { EndedAt = message.OccurredAt };
                this.WithdrawalCount++;
                break;
            case MessageType.Discharged when this.DischargedAt is null:
                if (this.IsReady)
                {
                    this.readyPeriods[^1] = this.readyPeriods[^1] with { EndedAt = message.OccurredAt };
                }

                this.DischargedAt = message.OccurredAt;
                break;
        }

        return true;
    }

    /// <summary>Adds the units routing found; returns the ones not seen before, which need a first notification.</summary>
    public IReadOnlyList<UnitProgress> AddUnits(IEnumerable<Unit> routed)
    {
        var added = routed.Where(u => this.Units.All(p => p.Unit.Id != u.Id)).Select(u => new UnitProgress(u)).ToList();
        this.Units.AddRange(added);
        return added;
    }

    /// <summary>Records an acknowledgement; false for an unknown unit or one that already acknowledged.</summary>
    public bool Acknowledge(Acknowledgement acknowledgement)
    {
        var unit = this.Units.Find(u => u.Unit.Id == acknowledgement.UnitId);
        if (unit is null || unit.AcknowledgedAt is not null)
        {
            return false;
        }

        unit.AcknowledgedAt = acknowledgement.At;
        unit.AcknowledgedBy = acknowledgement.Name;
        unit.AcknowledgedVia = acknowledgement.Via ?? AcknowledgementChannel.Link;
        return true;
    }

    public DateTimeOffset? ReminderDue(UnitProgress unit) =>
        unit.AwaitsAcknowledgement && unit.RemindedAt is null && this.Settings.ReminderAfter < this.Settings.EscalateAfter
            ? unit.NotifiedAt + this.Settings.ReminderAfter : null;

    public DateTimeOffset? EscalationDue(UnitProgress unit) =>
        unit.AwaitsAcknowledgement && unit.EscalatedAt is null ? unit.NotifiedAt + this.Settings.EscalateAfter : null;

    /// <summary>
    /// Queues a change for a unit told earlier. True when it should be emailed at once (no update went to the unit
    /// within the window); otherwise it waits for <see cref="UpdateDue"/> and goes out with the others.
    /// </summary>
    public bool QueueChange(UnitProgress unit, PendingChange change, DateTimeOffset now)
    {
        unit.PendingChanges.Add(change);
        return unit.PendingChanges.Count == 1 && (unit.LastUpdateAt is not { } last || last + this.Settings.UpdateEmailWindow <= now);
    }

    /// <summary>When the unit's waiting changes are due to be emailed together, or null when none wait.</summary>
    public DateTimeOffset? UpdateDue(UnitProgress unit) =>
        unit.PendingChanges.Count == 0 ? null : (unit.LastUpdateAt ?? DateTimeOffset.MinValue) + this.Settings.UpdateEmailWindow;

    /// <summary>The units whose waiting changes are due at <paramref name="now"/>.</summary>
    public IReadOnlyList<UnitProgress> UpdatesDueAt(DateTimeOffset now) => this.Units.Where(u => this.UpdateDue(u) <= now).ToList();

    /// <summary>The next time a reminder, escalation or batch of updates falls due, or null when nothing waits on the clock.</summary>
    public DateTimeOffset? NextDueAt() => this.Units
        .SelectMany(u => new[] { this.ReminderDue(u), this.EscalationDue(u), this.UpdateDue(u) })
        .Append(this.SipReminderDue).Append(this.SipEscalationDue)
        .Where(t => t is not null).Min();

    /// <summary>Records a call, move or cancellation of the SIP meeting; the first call's time is the one the law asks about.</summary>
    public void RecordSipCall(SipCalled call) => this.Sip.Record(call);

    /// <summary>The primary-care unit that calls the SIP meeting (its fast vårdkontakt), once routing found and told it.</summary>
    public UnitProgress? SipCaller => this.Units.Find(u => u.Unit.Type == UnitType.PrimaryCare && u.NotifiedAt is not null);

    /// <summary>
    /// When the SIP due day (<see cref="LawDeadlines.SipDue"/>) has ended without a call, in Swedish time; null when nothing
    /// is owed: no SIP needed, a call came, the readiness is withdrawn (its clock stops), or the transition predates the event.
    /// </summary>
    public DateTimeOffset? SipOverdueAt =>
        this.Settings.FollowsSipCall && this.SipRequired && this.Sip.CalledAt is null && this.SipCaller is not null
        && this.ReadyForDischargeAt is { } ready && this.Phase is not (TransitionPhase.Withdrawn or TransitionPhase.Completed)
            ? SwedishTime.StartOf(LawDeadlines.SipDue(ready).AddDays(1)) : null;

    /// <summary>The primary-care unit is reminded when the due day has ended, as units are when they have not acknowledged.</summary>
    public DateTimeOffset? SipReminderDue =>
        this.Sip.RemindedAt is null && this.Settings.ReminderAfter < this.Settings.EscalateAfter ? this.SipOverdueAt : null;

    /// <summary>And escalated as long after the reminder as a unit's escalation follows its reminder.</summary>
    public DateTimeOffset? SipEscalationDue =>
        this.Sip.EscalatedAt is null && this.SipOverdueAt is { } overdue
            ? overdue + (this.Settings.EscalateAfter > this.Settings.ReminderAfter ? this.Settings.EscalateAfter - this.Settings.ReminderAfter : TimeSpan.Zero)
            : null;

    /// <summary>The SIP follow-up due at <paramref name="now"/>, if any; an escalation makes a pending reminder moot.</summary>
    public FollowUp? SipFollowUpDueAt(DateTimeOffset now) =>
        this.SipEscalationDue <= now ? FollowUp.Escalation : this.SipReminderDue <= now ? FollowUp.Reminder : null;

    /// <summary>Follow-ups due at <paramref name="now"/>; an escalation makes a pending reminder moot.</summary>
    public IReadOnlyList<(UnitProgress Unit, FollowUp Kind)> DueAt(DateTimeOffset now) => this.Units
        .Select(u => this.EscalationDue(u) <= now ? (u, FollowUp.Escalation)
            : this.ReminderDue(u) <= now ? (u, FollowUp.Reminder) : (u, (FollowUp?)null))
        .Where(x => x.Item2 is not null).Select(x => (x.u, x.Item2!.Value)).ToList();

    public TransitionPhase Phase =>
        this.First is null ? TransitionPhase.Starting
        : this.IsComplete ? TransitionPhase.Completed
        : this.DischargedAt is not null ? TransitionPhase.Discharged
        : this.IsReady ? TransitionPhase.ReadyForDischarge
        : this.readyPeriods.Count > 0 ? TransitionPhase.Withdrawn
        : TransitionPhase.Admitted;

    public bool SipRequired => LawDeadlines.SipRequired(this.needs);

    /// <summary>When the SIP meeting was first called (the "SipCalled" event), not when primary care acknowledged.</summary>
    public DateTimeOffset? SipCalledAt => this.Sip.CalledAt;

    public IReadOnlyList<ReadyPeriod> ReadyPeriods => this.readyPeriods;

    public TransitionStatus ToStatus() => TransitionProjections.ToStatus(this);

    public TransitionOutcome ToOutcome(DateTimeOffset completedAt) => TransitionProjections.ToOutcome(this, completedAt);
}
