using CareTransitions.Worklist;
using static CareTransitions.Tests.UnitTests.Worklist.WorklistStatuses;

namespace CareTransitions.Tests.UnitTests.Worklist;

public sealed class WorklistDeadlinesTests
{
    private const long DailyOre = 930_000; // 9 300 kr
    private static readonly DateTimeOffset Now = Local(2026, 3, 10, 10);

    private static WorklistRow Judge(Workflow.TransitionStatus status, DateTimeOffset? now = null, Func<int, long>? daily = null) =>
        WorklistDeadlines.Judge("ct-1", Now.AddDays(-3), status, isWard: true, now ?? Now, daily ?? (_ => DailyOre));

    [Fact]
    public void Judge_AdmissionNoticeMissingWithinADay_IsSoonWithItsDueTime()
    {
        var due = Now.AddHours(5);
        var row = Judge(Status(Deadlines() with { AdmittedAt = due.AddHours(-24), AdmissionNoticeDue = due }));

        var notice = Assert.Single(row.Deadlines);
        Assert.Equal("Inskrivningsmeddelande inom 24 h", notice.Label);
        Assert.Equal("Saknas, senast 2026-03-10 15:00", notice.Text);
        Assert.Equal(Urgency.Soon, notice.Urgency);
        Assert.Equal((Urgency.Soon, (DateTimeOffset?)due), (row.Urgency, row.NextDue));
    }

    [Fact]
    public void Judge_AdmissionNoticeMissingPastItsDue_IsOverdue()
    {
        var row = Judge(Status(Deadlines() with { AdmittedAt = Now.AddHours(-25), AdmissionNoticeDue = Now.AddHours(-1) }));

        Assert.Equal(Urgency.Overdue, Assert.Single(row.Deadlines).Urgency);
        Assert.Equal(Urgency.Overdue, row.Urgency);
    }

    [Fact]
    public void Judge_AdmissionNoticeSentLate_IsMetAndSaysSo()
    {
        var admitted = Local(2026, 3, 8, 9);
        var row = Judge(Status(Deadlines() with
        {
            AdmittedAt = admitted, AdmissionNoticeDue = admitted.AddHours(24), AdmissionNoticeAt = admitted.AddHours(30), AdmissionNoticeLate = true,
        }));

        var notice = Assert.Single(row.Deadlines);
        Assert.Equal(Urgency.Met, notice.Urgency);
        Assert.Equal("Kom för sent, 2026-03-09 15:00 (inskriven 2026-03-08 09:00)", notice.Text);
        Assert.Equal((Urgency.OnTrack, (DateTimeOffset?)null), (row.Urgency, row.NextDue));
    }

    [Fact]
    public void Judge_SipDueInTwoDays_IsOnTrackUntilTheEndOfTheDueDay()
    {
        var row = Judge(Status(Deadlines() with { SipRequired = true, SipDue = new DateOnly(2026, 3, 12) }));

        var sip = Assert.Single(row.Deadlines);
        Assert.Equal(("SIP kallad inom 3 dygn", "Senast 2026-03-12", Urgency.OnTrack), (sip.Label, sip.Text, sip.Urgency));
        Assert.Equal(Local(2026, 3, 13, 0), sip.Due);
    }

    [Fact]
    public void Judge_SipDueToday_IsSoon() =>
        Assert.Equal(Urgency.Soon, Judge(Status(Deadlines() with { SipRequired = true, SipDue = new DateOnly(2026, 3, 10) })).Urgency);

    [Fact]
    public void Judge_SipDuePassedWithoutCall_IsOverdue()
    {
        var sip = Assert.Single(Judge(Status(Deadlines() with { SipRequired = true, SipDue = new DateOnly(2026, 3, 9) })).Deadlines);

        Assert.Equal(("Inte kallad, senast 2026-03-09", Urgency.Overdue), (sip.Text, sip.Urgency));
    }

    [Fact]
    public void Judge_SipCalled_IsMet()
    {
        var sip = Assert.Single(Judge(Status(Deadlines() with { SipRequired = true, SipDue = new DateOnly(2026, 3, 9), SipCalledAt = Local(2026, 3, 8, 14) })).Deadlines);

        Assert.Equal(("Kallad 2026-03-08 14:00", Urgency.Met), (sip.Text, sip.Urgency));
    }

    [Fact]
    public void Judge_SipNotRequired_ShowsNoSipDeadline() =>
        Assert.Empty(Judge(Status(Deadlines() with { SipRequired = false, SipDue = new DateOnly(2026, 3, 9) })).Deadlines);

    [Fact]
    public void Judge_PaymentResponsibilitySinceTwoDaysAgo_CountsTheTwoDaysBeforeTodayAsTheOutcomeWould()
    {
        var row = Judge(Status(Deadlines() with { PaymentResponsibilityFrom = new DateOnly(2026, 3, 8) }));

        var payment = Assert.Single(row.Deadlines);
        Assert.Equal("Betalningsansvar (Västra Götaland)", payment.Label);
        Assert.Equal("Sedan 2026-03-08: 2 dagar, 18 600 kr hittills", payment.Text);
        Assert.Equal(Urgency.Overdue, payment.Urgency);
        Assert.Equal((2, 2 * DailyOre), (row.PaymentDays, row.CostOre));
    }

    [Fact]
    public void Judge_PaymentResponsibilityFromToday_IsOverdueWithNoDayPaidYet()
    {
        // The day of discharge is not paid: leaving today costs nothing, staying into tomorrow costs today.
        var row = Judge(Status(Deadlines() with { PaymentResponsibilityFrom = new DateOnly(2026, 3, 10) }));

        var payment = Assert.Single(row.Deadlines);
        Assert.Equal(("Från 2026-03-10", Urgency.Overdue), (payment.Text, payment.Urgency));
        Assert.Equal((0, 0L), (row.PaymentDays, row.CostOre));
    }

    [Fact]
    public void Judge_PaymentResponsibilityAcrossNewYear_PricesEachDayAtItsYearsAmount()
    {
        var row = Judge(Status(Deadlines() with { PaymentResponsibilityFrom = new DateOnly(2025, 12, 29) }), Local(2026, 1, 1, 8),
            year => year == 2025 ? 900_000 : 930_000);

        Assert.Equal((3, 3 * 900_000L), (row.PaymentDays, row.CostOre));
        row = Judge(Status(Deadlines() with { PaymentResponsibilityFrom = new DateOnly(2025, 12, 30) }), Local(2026, 1, 2, 8),
            year => year == 2025 ? 900_000 : 930_000);
        Assert.Equal((3, 2 * 900_000L + 930_000), (row.PaymentDays, row.CostOre));
    }

    [Fact]
    public void Judge_ReadyAgainAfterAnAvbrott_CountsTheEarlierPeriodsPaidDaysToo()
    {
        var row = Judge(Status(Deadlines() with { PaymentResponsibilityFrom = new DateOnly(2026, 3, 8), PaymentDaysEnded = 4 }));

        Assert.Equal("Sedan 2026-03-08: 6 dagar (varav 4 före avbrott), 55 800 kr hittills", Assert.Single(row.Deadlines).Text);
        Assert.Equal((6, 6 * DailyOre), (row.PaymentDays, row.CostOre));
    }

    [Fact]
    public void Judge_WithdrawnAfterPaidDays_KeepsThoseDaysAsMet()
    {
        var row = Judge(Status(Deadlines() with { PaymentDaysEnded = 4 }));

        var payment = Assert.Single(row.Deadlines);
        Assert.Equal(("4 dagar före avbrott, 37 200 kr", Urgency.Met), (payment.Text, payment.Urgency));
        Assert.Equal((4, 4 * DailyOre), (row.PaymentDays, row.CostOre));
    }

    [Fact]
    public void Judge_RuleWaitingForAnAdmissionNotice_CostsNothingYet()
    {
        var row = Judge(Status(Deadlines() with { PaymentResponsibilityFrom = new DateOnly(2026, 3, 8), PaymentWaitsForAdmissionNotice = true }));

        var payment = Assert.Single(row.Deadlines);
        Assert.Equal("Från 2026-03-08, om inskrivningsmeddelande skickas", payment.Text);
        Assert.NotEqual(Urgency.Overdue, payment.Urgency);
        Assert.Equal((0, 0L), (row.PaymentDays, row.CostOre));
    }

    [Fact]
    public void Judge_OnTheDayOfDischarge_CountsWhatTheOutcomeRecordsOverEveryReadyPeriod()
    {
        var settings = new Workflow.WorkflowSettings(TimeSpan.FromHours(4), TimeSpan.FromHours(24),
            new Workflow.OfficeHours("Europe/Stockholm", new TimeOnly(8, 0), new TimeOnly(17, 0), [DayOfWeek.Monday]), Workflow.PaymentResponsibilityRule.Default3Days);
        var state = new Workflow.TransitionState(new Workflow.TransitionStart("ct-1", settings));
        var t0 = Local(2026, 11, 23, 9);
        Workflow.TransitionMessage Message(Workflow.MessageType type, DateTimeOffset at) =>
            new(Guid.NewGuid().ToString(), type, at, at.AddMinutes(5), "pseudonym", "1480", new Workflow.Ward("SE2321000131-E1", "Avd 1"), Workflow.CareType.Somatic, null, []);
        state.Apply(Message(Workflow.MessageType.AdmissionNotice, t0));
        state.Apply(Message(Workflow.MessageType.ReadyForDischarge, t0));           // pays from 11-26
        state.Apply(Message(Workflow.MessageType.Withdrawn, t0.AddDays(5)));        // 11-28: 2 paid days
        state.Apply(Message(Workflow.MessageType.ReadyForDischarge, t0.AddDays(7))); // pays from 12-03
        var dischargeDay = t0.AddDays(12).AddHours(1);                                // 12-05 10:00

        var row = WorklistDeadlines.Judge("ct-1", t0, Workflow.TransitionProjections.ToStatus(state), isWard: true, dischargeDay, _ => DailyOre);
        state.Apply(Message(Workflow.MessageType.Discharged, dischargeDay));
        var outcome = Workflow.TransitionProjections.ToOutcome(state, dischargeDay);

        Assert.Equal(4, outcome.PaymentResponsibilityDays);
        Assert.Equal((outcome.PaymentResponsibilityDays, outcome.PaymentResponsibilityDays * DailyOre), (row.PaymentDays, row.CostOre));
    }

    [Fact]
    public void Judge_PaymentResponsibilityFromTomorrow_IsSoonWithNoCost()
    {
        var row = Judge(Status(Deadlines() with { PaymentResponsibilityFrom = new DateOnly(2026, 3, 11) }));

        var payment = Assert.Single(row.Deadlines);
        Assert.Equal(("Från 2026-03-11", Urgency.Soon, (DateTimeOffset?)Local(2026, 3, 11, 0)), (payment.Text, payment.Urgency, payment.Due));
        Assert.Equal((0, 0L), (row.PaymentDays, row.CostOre));
    }

    [Fact]
    public void Judge_PaymentResponsibilityInAWeek_IsOnTrack() =>
        Assert.Equal(Urgency.OnTrack, Judge(Status(Deadlines() with { PaymentResponsibilityFrom = new DateOnly(2026, 3, 17) })).Urgency);

    [Fact]
    public void Judge_UnitEscalated_IsOverdue()
    {
        var row = Judge(Status(units: Unit("1480-samordning", notified: Now.AddHours(-30), escalationDue: Now.AddHours(-2), escalated: Now.AddHours(-2))));

        var unit = Assert.Single(row.Deadlines);
        Assert.Equal(("Kvittens: 1480-samordning", "Eskalerad 2026-03-10 08:00, ännu inte kvitterad", Urgency.Overdue), (unit.Label, unit.Text, unit.Urgency));
    }

    [Fact]
    public void Judge_UnitRemindedNotYetEscalated_IsSoon()
    {
        var row = Judge(Status(units: Unit("1480-samordning", notified: Now.AddHours(-5), reminded: Now.AddHours(-1), escalationDue: Now.AddHours(3))));

        Assert.Equal(Urgency.Soon, Assert.Single(row.Deadlines).Urgency);
    }

    [Fact]
    public void Judge_UnitAcknowledgedOrNotYetTold_HasNoAcknowledgementDeadline()
    {
        var row = Judge(Status(units: [Unit("1480-samordning", notified: Now.AddHours(-5), acknowledged: Now.AddHours(-1)), Unit("1480-vardcentral")]));

        Assert.Empty(row.Deadlines);
        Assert.Equal(Urgency.OnTrack, row.Urgency);
    }

    [Fact]
    public void Judge_SeveralDeadlines_RowTakesTheMostUrgentAndTheNearestOpenDue()
    {
        var row = Judge(Status(
            Deadlines() with { SipRequired = true, SipDue = new DateOnly(2026, 3, 12), AdmittedAt = Now.AddHours(-20), AdmissionNoticeDue = Now.AddHours(4) },
            units: Unit("1480-samordning", notified: Now.AddHours(-1), reminderDue: Now.AddHours(3), escalationDue: Now.AddHours(30))));

        Assert.Equal(3, row.Deadlines.Count);
        Assert.Equal((Urgency.Soon, (DateTimeOffset?)Now.AddHours(4)), (row.Urgency, row.NextDue));
    }
}
