using System.Collections.Concurrent;
using CareTransitions.Directory;
using CareTransitions.Notifications;
using CareTransitions.Tests.Infrastructure;
using CareTransitions.Workflow;
using CareTransitions.Workflow.Activities;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;
using Platform.Outcomes;
using Testing;

namespace CareTransitions.Tests.UnitTests;

/// <summary>
/// The orchestrator on Microsoft's test host (in-memory backend, the service's payload converter), with
/// recording fakes for its activities.
/// </summary>
public sealed class CareTransitionOrchestratorTests
{
    private static readonly Contact Chef = new("Chef", "chef@example.se", "1");
    private static readonly Contact Jour = new("Jour", "jour@example.se", "2");
    private static readonly Unit[] Units =
    [
        new("u-coord", UnitType.MunicipalCoordination, "Samordning", "coord@example.se", Chef, Jour, "SE2120000000-ucoord"),
        new("u-vc", UnitType.PrimaryCare, "Vårdcentral", "vc@example.se", Chef, Jour, "SE2120000000-uvc"),
    ];

    private readonly ConcurrentQueue<NotificationRequest> sent = new();
    private readonly ConcurrentQueue<TransitionOutcome> recorded = new();

    private static TransitionMessage Message(string id, MessageType type) => new(
        id, type, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, "pseudonym", "1480", new Ward("SE2321000131-E1", "Avd 1"), CareType.Somatic, null, []);

    private static TransitionStart Start(TimeSpan reminder, TimeSpan escalate, TimeSpan updateWindow = default) => new(
        "ct-test", new WorkflowSettings(reminder, escalate, new OfficeHours("Europe/Stockholm", new TimeOnly(8, 0), new TimeOnly(17, 0), []), PaymentResponsibilityRule.Default3Days, updateWindow, FollowsSipCall: true));

    /// <summary>Ready for discharge at <paramref name="readyAt"/>, with a need that makes a SIP required.</summary>
    private static TransitionMessage Ready(string id, DateTimeOffset readyAt) => new(
        id, MessageType.ReadyForDischarge, readyAt, readyAt, "pseudonym", "1480", new Ward("SE2321000131-E1", "Avd 1"), CareType.Somatic, null, [Need.HomeCare]);

    private Task<DurableTaskTestHost> StartHostAsync() => DurableTaskTestHost.StartAsync(
        tasks => tasks
            .AddOrchestrator<CareTransitionOrchestrator>()
            .AddActivityFunc<RouteRequest, RoutedUnits>(nameof(RouteUnits), (_, _) => Task.FromResult(new RoutedUnits(Units, "Kommunen")))
            .AddActivityFunc<NotificationRequest, NotificationResult>(nameof(NotifyUnit), (_, request) =>
            {
                this.sent.Enqueue(request);
                return Task.FromResult(new NotificationResult(DateTimeOffset.UtcNow, $"<{request.Kind}.{request.UnitId}@x>"));
            })
            .AddActivityFunc<TransitionOutcome, bool>(nameof(RecordOutcome), (_, outcome) =>
            {
                this.recorded.Enqueue(outcome);
                return Task.FromResult(true);
            }),
        new DurableTaskTestHostOptions
        {
            // A free port rather than the host's random pick, which can collide with other hosts on the machine.
            Port = FreePort.Next(),
            ConfigureServices = services => services.AddSingleton(DurableTaskHosting.DataConverter),
        });

    [Fact]
    public async Task RunAsync_RepeatedAndLaterMessages_NotifiesOnceUpdatesAndCompletesAfterAcknowledgementsAndDischarge()
    {
        await using var host = await this.StartHostAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(CareTransitionOrchestrator), Start(TimeSpan.FromHours(4), TimeSpan.FromHours(24)));

        await host.Client.RaiseEventAsync(id, TransitionMessage.EventName, Message("m1", MessageType.ReadyForDischarge));
        await host.Client.RaiseEventAsync(id, TransitionMessage.EventName, Message("m1", MessageType.ReadyForDischarge));
        await host.Client.RaiseEventAsync(id, Acknowledgement.EventName, new Acknowledgement("u-coord", "Anna", DateTimeOffset.UtcNow));
        await host.Client.RaiseEventAsync(id, Acknowledgement.EventName, new Acknowledgement("u-vc", "Bo", DateTimeOffset.UtcNow));
        await host.Client.RaiseEventAsync(id, TransitionMessage.EventName, Message("m2", MessageType.Discharged));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(2, this.sent.Count(r => r.Kind == NotificationKind.Notification));
        Assert.Equal(2, this.sent.Count(r => r.Kind == NotificationKind.Update));
        Assert.Single(this.recorded);
        Assert.Equal(["Anna", "Bo"], done.ReadCustomStatusAs<TransitionStatus>()!.Units.Select(u => u.AcknowledgedBy ?? "").ToArray());
    }

    [Fact]
    public async Task RunAsync_NoAcknowledgement_RemindsThenEscalatesToOnCallOutsideOfficeHoursAndKeepsWaiting()
    {
        await using var host = await this.StartHostAsync();
        // Far enough apart that a loaded machine still sees the reminder fall due before the escalation
        // (an escalation that is already due makes a pending reminder moot).
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(CareTransitionOrchestrator), Start(TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(2500)));
        await host.Client.RaiseEventAsync(id, TransitionMessage.EventName, Message("m1", MessageType.AdmissionNotice));

        var instance = await Eventually.ReadAsync(
            () => host.Client.GetInstanceAsync(id, getInputsAndOutputs: true),
            i => i?.ReadCustomStatusAs<TransitionStatus>()?.Units is { Count: 2 } units && units.All(u => u.EscalatedTo is not null),
            "both units escalated",
            TimeSpan.FromSeconds(20));

        var escalations = this.sent.Where(r => r.Kind == NotificationKind.Escalation).ToList();
        Assert.Equal(2, escalations.Count);
        Assert.All(escalations, e => Assert.Equal("jour@example.se", e.Recipient));
        Assert.Equal(2, this.sent.Count(r => r.Kind == NotificationKind.Reminder));
        Assert.Equal(OrchestrationRuntimeStatus.Running, instance!.RuntimeStatus);
        Assert.All(instance.ReadCustomStatusAs<TransitionStatus>()!.Units, u => Assert.Equal("OnCall", u.EscalatedTo));
    }

    [Fact]
    public async Task RunAsync_ChangesWithinTheUpdateWindow_WaitAndAreToldTogetherBeforeTheTransitionCompletes()
    {
        await using var host = await this.StartHostAsync();
        // An hour's window: nothing in this test waits for it, so whatever is still waiting at the end must be flushed.
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(CareTransitionOrchestrator), Start(TimeSpan.FromHours(4), TimeSpan.FromHours(24), TimeSpan.FromHours(1)));

        await host.Client.RaiseEventAsync(id, TransitionMessage.EventName, Message("m1", MessageType.AdmissionNotice));
        await host.Client.RaiseEventAsync(id, TransitionMessage.EventName, Message("m2", MessageType.ReadyForDischarge));
        foreach (var (messageId, type) in new[] { ("m3", MessageType.Withdrawn), ("m4", MessageType.ReadyForDischarge), ("m5", MessageType.DischargeDateChanged), ("m6", MessageType.Withdrawn) })
        {
            await host.Client.RaiseEventAsync(id, TransitionMessage.EventName, Message(messageId, type));
        }

        await host.Client.RaiseEventAsync(id, Acknowledgement.EventName, new Acknowledgement("u-coord", "Anna", DateTimeOffset.UtcNow));
        await host.Client.RaiseEventAsync(id, Acknowledgement.EventName, new Acknowledgement("u-vc", "Bo", DateTimeOffset.UtcNow));
        await host.Client.RaiseEventAsync(id, TransitionMessage.EventName, Message("m7", MessageType.Discharged));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var updates = this.sent.Where(r => r.Kind == NotificationKind.Update).ToList();
        Assert.NotEmpty(updates);
        // Per unit: "ready" at once (its first update), then the five changes after it in one email, sent at completion.
        Assert.Equal(4, updates.Count);
        foreach (var unit in Units)
        {
            var mine = updates.Where(r => r.UnitId == unit.Id).ToList();
            Assert.Equal(2, mine.Count);
            Assert.Equal(MessageType.ReadyForDischarge, mine[0].Details.MessageType);
            Assert.Null(mine[0].Details.Changes);
            Assert.Equal("m2", mine[0].MessageKey);
            Assert.Equal(
                [MessageType.Withdrawn, MessageType.ReadyForDischarge, MessageType.DischargeDateChanged, MessageType.Withdrawn, MessageType.Discharged],
                mine[1].Details.Changes);
            Assert.Equal("m3,m4,m5,m6,m7", mine[1].MessageKey);
            Assert.False(mine[1].IncludeLink);
        }
    }

    [Fact]
    public async Task RunAsync_NoSipCallByTheDueDay_RemindsPrimaryCareThenEscalatesToOnCallOutsideOfficeHours()
    {
        await using var host = await this.StartHostAsync();
        // Ready four Swedish days ago: the SIP due day ended at today's midnight, so the SIP reminder is due at once. The
        // escalation follows the reminder as a unit's does (escalate − remind); that gap is set to land three seconds from now.
        var now = DateTimeOffset.UtcNow;
        var overdue = SwedishTime.StartOf(SwedishTime.Date(now));
        var readyAt = SwedishTime.StartOf(SwedishTime.Date(now).AddDays(-4)).AddHours(12);
        var reminder = TimeSpan.FromHours(1);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(CareTransitionOrchestrator), Start(reminder, reminder + (now - overdue) + TimeSpan.FromSeconds(3)));
        await host.Client.RaiseEventAsync(id, TransitionMessage.EventName, Ready("m1", readyAt));

        var reminded = await Eventually.ReadAsync(
            () => host.Client.GetInstanceAsync(id, getInputsAndOutputs: true),
            i => i?.ReadCustomStatusAs<TransitionStatus>()?.Deadlines.SipRemindedAt is not null,
            "SIP reminder sent",
            TimeSpan.FromSeconds(20));
        Assert.Null(reminded!.ReadCustomStatusAs<TransitionStatus>()!.Deadlines.SipEscalatedAt);
        var escalated = await Eventually.ReadAsync(
            () => host.Client.GetInstanceAsync(id, getInputsAndOutputs: true),
            i => i?.ReadCustomStatusAs<TransitionStatus>()?.Deadlines.SipEscalatedAt is not null,
            "SIP escalation sent",
            TimeSpan.FromSeconds(20));

        var sipReminder = Assert.Single(this.sent, r => r.Kind == NotificationKind.SipReminder);
        Assert.Equal(("u-vc", "vc@example.se", false), (sipReminder.UnitId, sipReminder.Recipient, sipReminder.IncludeLink));
        var sipEscalation = Assert.Single(this.sent, r => r.Kind == NotificationKind.SipEscalation);
        Assert.Equal(("u-vc", "jour@example.se"), (sipEscalation.UnitId, sipEscalation.Recipient));
        var deadlines = escalated!.ReadCustomStatusAs<TransitionStatus>()!.Deadlines;
        Assert.Equal(("OnCall", (DateTimeOffset?)null), (deadlines.SipEscalatedTo, deadlines.SipCalledAt));
        Assert.DoesNotContain(this.sent, r => r.Kind is NotificationKind.Reminder or NotificationKind.Escalation);
    }

    [Fact]
    public async Task RunAsync_SipCalledInTime_NoSipReminderAndTheOutcomeCarriesTheCallTime()
    {
        await using var host = await this.StartHostAsync();
        var readyAt = DateTimeOffset.UtcNow.AddHours(-1);
        var calledAt = DateTimeOffset.UtcNow.AddMinutes(-5);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(CareTransitionOrchestrator), Start(TimeSpan.FromHours(4), TimeSpan.FromHours(24)));

        await host.Client.RaiseEventAsync(id, TransitionMessage.EventName, Ready("m1", readyAt));
        await host.Client.RaiseEventAsync(id, SipCalled.EventName, new SipCalled("meeting-1", 0, calledAt, readyAt.AddDays(2)));
        await host.Client.RaiseEventAsync(id, SipCalled.EventName, new SipCalled("meeting-1", 1, calledAt.AddMinutes(1), readyAt.AddDays(3)));
        // The call and its move are taken before the stay ends, so this checks the move's time; a call that arrives in one
        // batch with the completing discharge is the test below.
        await Eventually.ReadAsync(
            () => host.Client.GetInstanceAsync(id, getInputsAndOutputs: true),
            i => i?.ReadCustomStatusAs<TransitionStatus>()?.Deadlines.SipMeetingStart == readyAt.AddDays(3),
            "SIP call and its move taken",
            TimeSpan.FromSeconds(20));
        await host.Client.RaiseEventAsync(id, Acknowledgement.EventName, new Acknowledgement("u-coord", "Anna", DateTimeOffset.UtcNow));
        await host.Client.RaiseEventAsync(id, Acknowledgement.EventName, new Acknowledgement("u-vc", "Bo", DateTimeOffset.UtcNow));
        await host.Client.RaiseEventAsync(id, TransitionMessage.EventName, Message("m2", MessageType.Discharged));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var outcome = Assert.Single(this.recorded);
        Assert.Equal((calledAt, true, true), (outcome.SipCalledAt!.Value, outcome.SipCallRecorded, outcome.SipRequired));
        Assert.Equal(readyAt.AddDays(3), done.ReadCustomStatusAs<TransitionStatus>()!.Deadlines.SipMeetingStart);
        Assert.DoesNotContain(this.sent, r => r.Kind is NotificationKind.SipReminder or NotificationKind.SipEscalation);
    }
    [Fact]
    public async Task RunAsync_SipCallInTheSameBatchAsTheCompletingDischarge_TheOutcomeCarriesTheCallTime()
    {
        await using var host = await this.StartHostAsync();
        var readyAt = DateTimeOffset.UtcNow.AddHours(-1);
        var calledAt = DateTimeOffset.UtcNow.AddMinutes(-5);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(CareTransitionOrchestrator), Start(TimeSpan.FromHours(4), TimeSpan.FromHours(24)));
        await host.Client.RaiseEventAsync(id, TransitionMessage.EventName, Ready("m1", readyAt));
        await host.Client.RaiseEventAsync(id, Acknowledgement.EventName, new Acknowledgement("u-coord", "Anna", DateTimeOffset.UtcNow));
        await host.Client.RaiseEventAsync(id, Acknowledgement.EventName, new Acknowledgement("u-vc", "Bo", DateTimeOffset.UtcNow));
        await Eventually.ReadAsync(
            () => host.Client.GetInstanceAsync(id, getInputsAndOutputs: true),
            i => i?.ReadCustomStatusAs<TransitionStatus>()?.Units.All(u => u.AcknowledgedAt is not null) == true,
            "both units acknowledged",
            TimeSpan.FromSeconds(20));

        // Suspended, the discharge and then the call queue up and reach the orchestrator in one batch when it resumes.
        await host.Client.SuspendInstanceAsync(id, "batch the next two events");
        await Eventually.ReadAsync(() => host.Client.GetInstanceAsync(id), i => i?.RuntimeStatus == OrchestrationRuntimeStatus.Suspended, "suspended", TimeSpan.FromSeconds(20));
        await host.Client.RaiseEventAsync(id, TransitionMessage.EventName, Message("m2", MessageType.Discharged));
        await host.Client.RaiseEventAsync(id, SipCalled.EventName, new SipCalled("meeting-1", 0, calledAt, readyAt.AddDays(2)));
        await host.Client.ResumeInstanceAsync(id, "deliver them");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var outcome = Assert.Single(this.recorded);
        Assert.Equal(calledAt, outcome.SipCalledAt);
    }
}
