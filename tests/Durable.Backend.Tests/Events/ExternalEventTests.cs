namespace Durable.Backend.Tests.Events;

public sealed record Payment(string Reference, decimal Amount);

public class ExternalEventTests
{
    [Theory, MemberData(nameof(DurableEngine.Both), MemberType = typeof(DurableEngine))]
    public async Task An_event_raised_before_the_orchestrator_waits_for_it_is_kept_and_delivered(string engine)
    {
        var activityStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseActivity = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var durable = await DurableEngine.StartAsync(engine, r => r
            .AddOrchestratorFunc<Payment>("PrepareThenWait", async ctx =>
            {
                await ctx.CallActivityAsync("Prepare");
                return await ctx.WaitForExternalEvent<Payment>("Paid");
            })
            .AddActivityFunc("Prepare", async _ =>
            {
                activityStarted.TrySetResult();
                await releaseActivity.Task.WithDeadline();
            }));
        var id = await durable.Client.ScheduleNewOrchestrationInstanceAsync("PrepareThenWait");
        await activityStarted.Task.WithDeadline();

        // The orchestrator is busy in the activity and has not asked for the event yet.
        await durable.Client.RaiseEventAsync(id, "Paid", new Payment("ref-1", 12.50m));
        releaseActivity.SetResult();

        var done = await durable.Client.CompletionAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(new Payment("ref-1", 12.50m), done.ReadOutputAs<Payment>());
    }

    [Theory, MemberData(nameof(DurableEngine.Both), MemberType = typeof(DurableEngine))]
    public async Task An_event_raised_right_after_scheduling_before_the_first_step_is_delivered(string engine)
    {
        await using var durable = await DurableEngine.StartAsync(engine, r => r
            .AddOrchestratorFunc<Payment>("WaitsForPayment", ctx => ctx.WaitForExternalEvent<Payment>("Paid")));

        var id = await durable.Client.ScheduleNewOrchestrationInstanceAsync("WaitsForPayment");
        await durable.Client.RaiseEventAsync(id, "Paid", new Payment("ref-2", 1m));

        Assert.Equal(new Payment("ref-2", 1m), (await durable.Client.CompletionAsync(id)).ReadOutputAs<Payment>());
    }

    [Theory, MemberData(nameof(DurableEngine.Both), MemberType = typeof(DurableEngine))]
    public async Task Several_events_of_the_same_name_are_delivered_one_per_wait_in_the_order_raised(string engine)
    {
        await using var durable = await DurableEngine.StartAsync(engine, r => r
            .AddOrchestratorFunc<int, List<string>>("CollectsItems", async (ctx, count) =>
            {
                ctx.SetCustomStatus("waiting");
                var items = new List<string>();
                for (var i = 0; i < count; i++)
                {
                    items.Add(await ctx.WaitForExternalEvent<string>("Item"));
                }

                return items;
            }));
        var id = await durable.Client.ScheduleNewOrchestrationInstanceAsync("CollectsItems", 5);
        await durable.Client.UntilCustomStatusAsync(id, "waiting");

        foreach (var item in new[] { "a", "b", "c", "d", "e" })
        {
            await durable.Client.RaiseEventAsync(id, "Item", item);
        }

        Assert.Equal(["a", "b", "c", "d", "e"], (await durable.Client.CompletionAsync(id)).ReadOutputAs<List<string>>());
    }

    [Theory, MemberData(nameof(DurableEngine.Both), MemberType = typeof(DurableEngine))]
    public async Task Events_of_different_names_each_go_to_their_own_wait(string engine)
    {
        await using var durable = await DurableEngine.StartAsync(engine, r => r
            .AddOrchestratorFunc<string>("WaitsForTwo", async ctx =>
            {
                var shipped = ctx.WaitForExternalEvent<string>("Shipped");
                var paid = ctx.WaitForExternalEvent<string>("Paid");
                return $"paid {await paid}, shipped {await shipped}";
            }));
        var id = await durable.Client.ScheduleNewOrchestrationInstanceAsync("WaitsForTwo");

        await durable.Client.RaiseEventAsync(id, "Paid", "p");
        await durable.Client.RaiseEventAsync(id, "Shipped", "s");

        Assert.Equal("paid p, shipped s", (await durable.Client.CompletionAsync(id)).ReadOutputAs<string>());
    }
}
