namespace Durable.Backend.Tests.Orchestrations;

public sealed record Progress(string Stage, int PercentDone);

public class CustomStatusTests
{
    [Theory, MemberData(nameof(DurableEngine.Both), MemberType = typeof(DurableEngine))]
    public async Task SetCustomStatus_is_visible_through_GetInstanceAsync_after_each_step_and_stays_after_completion(string engine)
    {
        await using var durable = await DurableEngine.StartAsync(engine, r => r
            .AddOrchestratorFunc<string>("ReportsProgress", async ctx =>
            {
                ctx.SetCustomStatus(new Progress("received", 10));
                await ctx.WaitForExternalEvent<string>("Next");
                ctx.SetCustomStatus(new Progress("packed", 50));
                await ctx.WaitForExternalEvent<string>("Next");
                ctx.SetCustomStatus(new Progress("shipped", 100));
                return "done";
            }));
        var id = await durable.Client.ScheduleNewOrchestrationInstanceAsync("ReportsProgress");

        await UntilStage(durable.Client, id, "received");
        await durable.Client.RaiseEventAsync(id, "Next", "go");
        var packed = await UntilStage(durable.Client, id, "packed");
        await durable.Client.RaiseEventAsync(id, "Next", "go");
        var done = await durable.Client.CompletionAsync(id);

        Assert.Equal(new Progress("packed", 50), packed.ReadCustomStatusAs<Progress>());
        Assert.Equal(OrchestrationRuntimeStatus.Running, packed.RuntimeStatus);
        Assert.Equal(new Progress("shipped", 100), done.ReadCustomStatusAs<Progress>());
    }

    private static Task<OrchestrationMetadata> UntilStage(DurableTaskClient client, string id, string stage) =>
        client.UntilAsync(id, i => i.ReadCustomStatusAs<Progress>()?.Stage == stage, $"stage {stage}");
}
