using DurableTask.Core.Exceptions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Durable.Backend.Tests.Client;

public class StartTests
{
    [Theory, MemberData(nameof(DurableEngine.Both), MemberType = typeof(DurableEngine))]
    public async Task Scheduling_with_a_caller_chosen_id_returns_that_id_and_the_instance_carries_it(string engine)
    {
        await using var durable = await DurableEngine.StartAsync(engine, r => r.AddClientTestOrchestrators());

        var id = await durable.Client.ScheduleNewOrchestrationInstanceAsync(Orchestrators.Echo, new Ticket("printer", 2), new StartOrchestrationOptions("ticket-42"));
        var done = await durable.Client.CompletionAsync("ticket-42");

        Assert.Equal("ticket-42", id);
        Assert.Equal("ticket-42", done.InstanceId);
        Assert.Equal(Orchestrators.Echo, done.Name);
        Assert.Equal("printer", done.ReadOutputAs<string>());
    }

    [Theory, MemberData(nameof(DurableEngine.Both), MemberType = typeof(DurableEngine))]
    public async Task Scheduling_the_same_id_with_Running_as_a_dedupe_status_is_refused_and_the_first_run_is_kept(string engine)
    {
        await using var durable = await DurableEngine.StartAsync(engine, r => r.AddClientTestOrchestrators());
        await durable.Client.ScheduleNewOrchestrationInstanceAsync(Orchestrators.WaitsForGo, new Ticket("first", 1), new StartOrchestrationOptions("once"));
        await durable.Client.UntilCustomStatusAsync("once", "waiting");

        var again = new StartOrchestrationOptions("once").WithDedupeStatuses(OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running);
        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() => durable.Client.ScheduleNewOrchestrationInstanceAsync(Orchestrators.WaitsForGo, new Ticket("second", 1), again));

        Assert.Equal(new Ticket("first", 1), (await durable.Client.GetInstanceAsync("once", getInputsAndOutputs: true))?.ReadInputAs<Ticket>());
    }

    // The engines differ on purpose. Without dedupe statuses the protocol leaves the choice to the backend:
    // the reference replaces the running instance with a fresh one...
    [Theory, InlineData(DurableEngine.Reference)]
    public async Task Reference_replaces_a_running_instance_that_is_scheduled_again_with_the_same_id(string engine)
    {
        await using var durable = await DurableEngine.StartAsync(engine, r => r.AddClientTestOrchestrators());
        await durable.Client.ScheduleNewOrchestrationInstanceAsync(Orchestrators.WaitsForGo, new Ticket("first", 1), new StartOrchestrationOptions("twice"));
        await durable.Client.UntilCustomStatusAsync("twice", "waiting");

        await durable.Client.ScheduleNewOrchestrationInstanceAsync(Orchestrators.WaitsForGo, new Ticket("second", 1), new StartOrchestrationOptions("twice"));

        var replaced = await durable.Client.UntilCustomStatusAsync("twice", "waiting");
        Assert.Equal(new Ticket("second", 1), replaced.ReadInputAs<Ticket>());
    }

    // ...while ours refuses with AlreadyExists, so a retried start request can never restart work in flight.
    [Theory, InlineData(DurableEngine.Ours), InlineData(DurableEngine.Postgres)]
    public async Task Ours_refuses_to_schedule_an_id_that_is_still_running(string engine)
    {
        await using var durable = await DurableEngine.StartAsync(engine, r => r.AddClientTestOrchestrators());
        await durable.Client.ScheduleNewOrchestrationInstanceAsync(Orchestrators.WaitsForGo, new Ticket("first", 1), new StartOrchestrationOptions("twice"));
        await durable.Client.UntilCustomStatusAsync("twice", "waiting");

        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() =>
            durable.Client.ScheduleNewOrchestrationInstanceAsync(Orchestrators.WaitsForGo, new Ticket("second", 1), new StartOrchestrationOptions("twice")));

        await durable.Client.RaiseEventAsync("twice", "Go", "went");
        var done = await durable.Client.CompletionAsync("twice");
        Assert.Equal(new Ticket("first", 1), done.ReadInputAs<Ticket>());
        Assert.Equal("went", done.ReadOutputAs<string>());
    }

    [Theory, MemberData(nameof(DurableEngine.Both), MemberType = typeof(DurableEngine))]
    public async Task Scheduling_the_id_of_a_finished_instance_starts_a_fresh_run(string engine)
    {
        await using var durable = await DurableEngine.StartAsync(engine, r => r.AddClientTestOrchestrators());
        var first = await durable.Client.RunAsync(Orchestrators.Echo, new Ticket("first", 1), instanceId: "reused");

        var second = await durable.Client.RunAsync(Orchestrators.Echo, new Ticket("second", 1), instanceId: "reused");

        Assert.Equal("first", first.ReadOutputAs<string>());
        Assert.Equal("second", second.ReadOutputAs<string>());
        Assert.Equal(new Ticket("second", 1), second.ReadInputAs<Ticket>());
    }

    // Ours only: the reference ignores StartAt (see the test below). The backend runs on a fake clock, so the start time
    // comes when the test moves the clock, not after a real wait.
    [Theory, InlineData(DurableEngine.Ours), InlineData(DurableEngine.Postgres)]
    public async Task An_instance_scheduled_with_StartAt_stays_Pending_and_starts_not_before_that_time(string engine)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var durable = await DurableEngine.StartAsync(
            engine,
            r => r.AddClientTestOrchestrators().AddOrchestratorFunc<DateTime>("NotesStart", ctx => Task.FromResult(ctx.CurrentUtcDateTime)),
            services: s => s.AddSingleton<TimeProvider>(clock));
        var startAt = clock.GetUtcNow().AddHours(1);

        var id = await durable.Client.ScheduleNewOrchestrationInstanceAsync("NotesStart", new StartOrchestrationOptions { StartAt = startAt });
        // An instance scheduled after it runs to the end: the backend has looked for work since, and passed this one over.
        await durable.Client.RunAsync(Orchestrators.Echo, new Ticket("scheduled after", 1));
        var early = await durable.Client.GetInstanceAsync(id);
        clock.Advance(TimeSpan.FromHours(1));
        var done = await durable.Client.CompletionAsync(id, clock);

        Assert.Equal(OrchestrationRuntimeStatus.Pending, early?.RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.True(done.ReadOutputAs<DateTime>() >= startAt.UtcDateTime, $"started at {done.ReadOutputAs<DateTime>():O}, before {startAt:O}");
    }

    // Reference quirk: its StartInstance (TaskHubGrpcServer in 0.2.3-preview.1) does not copy the request's
    // scheduled start time into the ExecutionStarted event, so an instance meant to start later starts at once.
    [Theory, InlineData(DurableEngine.Reference)]
    public async Task Reference_ignores_StartAt_and_starts_the_instance_at_once(string engine)
    {
        await using var durable = await DurableEngine.StartAsync(engine, r => r
            .AddOrchestratorFunc<DateTime>("NotesStart", ctx => Task.FromResult(ctx.CurrentUtcDateTime)));
        var startAt = DateTimeOffset.UtcNow.AddMinutes(5);

        var id = await durable.Client.ScheduleNewOrchestrationInstanceAsync("NotesStart", new StartOrchestrationOptions { StartAt = startAt });
        var done = await durable.Client.CompletionAsync(id);

        Assert.True(done.ReadOutputAs<DateTime>() < startAt.UtcDateTime);
    }
}
