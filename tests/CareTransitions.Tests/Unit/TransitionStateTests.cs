using CareTransitions.Directory;
using CareTransitions.Workflow;

namespace CareTransitions.Tests.UnitTests;

public sealed class TransitionStateTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(1));

    private static readonly WorkflowSettings Settings = new(
        TimeSpan.FromHours(4), TimeSpan.FromHours(24),
        new OfficeHours("Europe/Stockholm", new TimeOnly(8, 0), new TimeOnly(17, 0), [DayOfWeek.Monday]),
        PaymentResponsibilityRule.Default3Days);

    private static Directory.Unit Unit(string id, UnitType type) =>
        new(id, type, id, $"{id}@example.se", new Contact("Chef", "chef@example.se", "1"), new Contact("Jour", "jour@example.se", "2"), $"SE2120000000-{id.Replace("-", "", StringComparison.Ordinal)}");

    private static TransitionMessage Message(MessageType type, DateTimeOffset at, string? id = null, params Need[] needs) =>
        new(id ?? Guid.NewGuid().ToString(), type, at, at.AddMinutes(5), "pseudonym", "1480", new Ward("SE2321000131-E1", "Avd 1"), CareType.Somatic, null, needs);

    [Fact]
    public void Apply_SameMessageIdTwice_ChangesNothingTheSecondTime()
    {
        var state = new TransitionState(new TransitionStart("ct-1", Settings));
        var message = Message(MessageType.Withdrawn, T0, "m1");
        state.Apply(Message(MessageType.ReadyForDischarge, T0));

        Assert.True(state.Apply(message));
        Assert.False(state.Apply(message));
        Assert.Equal(1, state.WithdrawalCount);
    }

    [Fact]
    public void Phase_MessageSequence_FollowsTheEpisode()
    {
        var state = new TransitionState(new TransitionStart("ct-1", Settings));
        Assert.Equal(TransitionPhase.Starting, state.Phase);
        state.Apply(Message(MessageType.AdmissionNotice, T0));
        Assert.Equal(TransitionPhase.Admitted, state.Phase);
        state.Apply(Message(MessageType.ReadyForDischarge, T0.AddDays(1)));
        Assert.Equal(TransitionPhase.ReadyForDischarge, state.Phase);
        state.Apply(Message(MessageType.Withdrawn, T0.AddDays(2)));
        Assert.Equal(TransitionPhase.Withdrawn, state.Phase);
        state.Apply(Message(MessageType.ReadyForDischarge, T0.AddDays(3)));
        state.Apply(Message(MessageType.Discharged, T0.AddDays(4)));
        Assert.Equal(TransitionPhase.Discharged, state.Phase);
        Assert.Equal(2, state.ReadyPeriods.Count);
        Assert.Equal(T0.AddDays(1), state.ReadyForDischargeAt);
    }

    [Fact]
    public void IsComplete_DischargedAndEveryUnitAcknowledged_IsTrueOnlyThen()
    {
        var state = new TransitionState(new TransitionStart("ct-1", Settings));
        state.Apply(Message(MessageType.ReadyForDischarge, T0));
        foreach (var unit in state.AddUnits([Unit("a", UnitType.MunicipalCoordination), Unit("b", UnitType.PrimaryCare)]))
        {
            unit.NotifiedAt = T0;
        }

        state.Acknowledge(new Acknowledgement("a", "Anna", T0.AddHours(1)));
        state.Apply(Message(MessageType.Discharged, T0.AddDays(1)));
        Assert.False(state.IsComplete);
        Assert.False(state.Acknowledge(new Acknowledgement("unknown", "X", T0)));
        Assert.True(state.Acknowledge(new Acknowledgement("b", "Bo", T0.AddHours(2))));
        Assert.False(state.Acknowledge(new Acknowledgement("b", "Again", T0.AddHours(3))));
        Assert.True(state.IsComplete);
        Assert.Equal("Bo", state.Units[1].AcknowledgedBy);
        // Primary care's acknowledgement is not the SIP call (it used to stand in for it).
        Assert.Null(state.SipCalledAt);
    }

    private static TransitionState SipState(bool followsSipCall = true)
    {
        var state = new TransitionState(new TransitionStart("ct-1", Settings with { FollowsSipCall = followsSipCall }));
        // Ready Monday 23 November 09:00: the SIP is due by Thursday 26th, so it is overdue from Friday 00:00 Swedish time.
        state.Apply(Message(MessageType.ReadyForDischarge, T0, null, Need.HomeCare));
        foreach (var unit in state.AddUnits([Unit("a", UnitType.MunicipalCoordination), Unit("b", UnitType.PrimaryCare)]))
        {
            unit.NotifiedAt = T0;
        }

        return state;
    }

    private static readonly DateTimeOffset SipOverdue = new(2026, 11, 27, 0, 0, 0, TimeSpan.FromHours(1));

    [Fact]
    public void SipFollowUp_NoCallByTheEndOfTheDueDay_RemindsThenEscalatesAsLongAfterAsForAUnit()
    {
        var state = SipState();

        Assert.Equal(SipOverdue, state.SipReminderDue);
        Assert.Equal(SipOverdue.AddHours(20), state.SipEscalationDue);
        Assert.Null(state.SipFollowUpDueAt(SipOverdue.AddTicks(-1)));
        Assert.Equal(FollowUp.Reminder, state.SipFollowUpDueAt(SipOverdue));
        state.Sip.RemindedAt = SipOverdue;
        Assert.Null(state.SipReminderDue);
        Assert.Equal(FollowUp.Escalation, state.SipFollowUpDueAt(SipOverdue.AddHours(20)));
        Assert.Equal("b", state.SipCaller!.Unit.Id);
    }

    [Fact]
    public void SipFollowUp_CalledInTime_NothingIsDueAndTheFirstCallTimeIsKeptThroughMovesAndCancellation()
    {
        var state = SipState();

        state.RecordSipCall(new SipCalled("m-1", 0, T0.AddDays(1), T0.AddDays(2)));
        state.RecordSipCall(new SipCalled("m-1", 1, T0.AddDays(2), T0.AddDays(3)));
        state.RecordSipCall(new SipCalled("m-1", 2, T0.AddDays(2).AddHours(1), T0.AddDays(3), Cancelled: true));

        Assert.Null(state.SipReminderDue);
        Assert.Null(state.SipEscalationDue);
        Assert.Equal(T0.AddDays(1), state.SipCalledAt);
        var status = state.ToStatus().Deadlines;
        Assert.Equal((T0.AddDays(1), T0.AddDays(3), true), (status.SipCalledAt, status.SipMeetingStart, status.SipMeetingCancelled));
    }

    [Fact]
    public void SipFollowUp_TransitionStartedBeforeTheSipCallWasAnEvent_SchedulesNothingAndTheOutcomeSaysTheTimeIsUnknown()
    {
        var state = SipState(followsSipCall: false);
        state.Apply(Message(MessageType.Discharged, T0.AddDays(5)));

        Assert.Null(state.SipReminderDue);
        Assert.Null(state.SipEscalationDue);
        Assert.Equal(T0.AddHours(4), state.NextDueAt());
        Assert.False(state.ToOutcome(T0.AddDays(6)).SipCallRecorded);
        Assert.True(SipState().ToOutcome(T0.AddDays(6)).SipCallRecorded);
    }

    [Fact]
    public void SipFollowUp_ReadinessWithdrawn_StopsTheClock()
    {
        var state = SipState();
        state.Apply(Message(MessageType.Withdrawn, T0.AddDays(1)));

        Assert.Null(state.SipReminderDue);
        Assert.Null(state.SipEscalationDue);
    }

    [Fact]
    public void AddUnits_UnitsAlreadyKnown_ReturnsOnlyTheNewOnes()
    {
        var state = new TransitionState(new TransitionStart("ct-1", Settings));
        state.AddUnits([Unit("a", UnitType.MunicipalCoordination)]);

        var added = state.AddUnits([Unit("a", UnitType.MunicipalCoordination), Unit("c", UnitType.HomeHealthCare)]);

        Assert.Equal(["c"], added.Select(u => u.Unit.Id).ToArray());
        Assert.Equal(2, state.Units.Count);
    }

    [Fact]
    public void DueAt_ReminderThenEscalation_ComeInOrderAndStopAtAcknowledgement()
    {
        var state = new TransitionState(new TransitionStart("ct-1", Settings));
        var unit = state.AddUnits([Unit("a", UnitType.MunicipalCoordination)])[0];
        unit.NotifiedAt = T0;

        Assert.Equal(T0.AddHours(4), state.NextDueAt());
        Assert.Empty(state.DueAt(T0.AddHours(3)));
        Assert.Equal(FollowUp.Reminder, state.DueAt(T0.AddHours(4)).Single().Kind);
        unit.RemindedAt = T0.AddHours(4);
        Assert.Equal(T0.AddHours(24), state.NextDueAt());
        Assert.Equal(FollowUp.Escalation, state.DueAt(T0.AddHours(24)).Single().Kind);
        state.Acknowledge(new Acknowledgement("a", "Anna", T0.AddHours(5)));
        Assert.Null(state.NextDueAt());
    }

    [Fact]
    public void DueAt_ReminderAndEscalationBothOverdue_EscalatesOnly()
    {
        var state = new TransitionState(new TransitionStart("ct-1", Settings));
        state.AddUnits([Unit("a", UnitType.MunicipalCoordination)])[0].NotifiedAt = T0;

        Assert.Equal(FollowUp.Escalation, state.DueAt(T0.AddDays(2)).Single().Kind);
    }

    [Fact]
    public void ToOutcome_CompletedEpisode_CarriesDeadlinesDaysAndUnitTimes()
    {
        var state = new TransitionState(new TransitionStart("ct-1", Settings));
        state.Apply(Message(MessageType.AdmissionNotice, T0.AddDays(-3), needs: Need.HomeCare) with { ReceivedAt = T0.AddDays(-1) });
        state.Apply(Message(MessageType.ReadyForDischarge, T0));
        state.AddUnits([Unit("a", UnitType.MunicipalCoordination)])[0].NotifiedAt = T0;
        state.Acknowledge(new Acknowledgement("a", "Anna", T0.AddHours(1)));
        state.Apply(Message(MessageType.Discharged, T0.AddDays(5)));

        var outcome = state.ToOutcome(T0.AddDays(5));

        Assert.True(outcome.AdmissionNoticeLate);
        Assert.Equal(5, outcome.DaysReadyForDischarge);
        Assert.Equal(2, outcome.PaymentResponsibilityDays);
        Assert.Equal("Default3Days", outcome.PaymentRule);
        Assert.True(outcome.SipRequired);
        Assert.Equal(["HomeCare"], outcome.Needs);
        Assert.Equal("pseudonym", outcome.PatientPseudonym);
        Assert.Equal(T0.AddHours(1), outcome.Units.Single().AcknowledgedAt);
    }
}
