namespace Durable.Backend.Tests.Client;

public class RestartTests
{
    [Theory, MemberData(nameof(DurableEngine.Both), MemberType = typeof(DurableEngine))]
    public async Task RestartAsync_SameId_RunsTheFinishedInstanceAgainWithItsInput(string engine)
    {
        var runs = 0;
        await using var durable = await DurableEngine.StartAsync(engine, r => r
            .AddOrchestratorFunc<Ticket, string>("CountsRuns", async (ctx, ticket) => $"{ticket.Subject} #{await ctx.CallActivityAsync<int>("Count")}")
            .AddActivityFunc<int>("Count", _ => Interlocked.Increment(ref runs)));
        await durable.Client.RunAsync("CountsRuns", new Ticket("report", 1), instanceId: "restartable");

        var restartedId = await durable.Client.RestartAsync("restartable", restartWithNewInstanceId: false);
        var again = await durable.Client.CompletionAsync(restartedId);

        Assert.Equal("restartable", restartedId);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, again.RuntimeStatus);
        Assert.Equal(new Ticket("report", 1), again.ReadInputAs<Ticket>());
        Assert.Equal("report #2", again.ReadOutputAs<string>());
    }

    [Theory, MemberData(nameof(DurableEngine.Both), MemberType = typeof(DurableEngine))]
    public async Task RestartAsync_NewId_StartsACopyAndLeavesTheOriginalAsItWas(string engine)
    {
        await using var durable = await DurableEngine.StartAsync(engine, r => r.AddClientTestOrchestrators());
        await durable.Client.RunAsync(Orchestrators.Echo, new Ticket("copy me", 1), instanceId: "original");

        var copyId = await durable.Client.RestartAsync("original", restartWithNewInstanceId: true);
        var copy = await durable.Client.CompletionAsync(copyId);

        Assert.NotEqual("original", copyId);
        Assert.Equal(Orchestrators.Echo, copy.Name);
        Assert.Equal(new Ticket("copy me", 1), copy.ReadInputAs<Ticket>());
        Assert.Equal("copy me", copy.ReadOutputAs<string>());
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await durable.Client.GetInstanceAsync("original"))?.RuntimeStatus);
    }

    [Theory, MemberData(nameof(DurableEngine.Both), MemberType = typeof(DurableEngine))]
    public async Task RestartAsync_UnknownId_Throws(string engine)
    {
        await using var durable = await DurableEngine.StartAsync(engine, r => r.AddClientTestOrchestrators());

        await Assert.ThrowsAnyAsync<Exception>(() => durable.Client.RestartAsync("nobody", restartWithNewInstanceId: false));
    }
}
