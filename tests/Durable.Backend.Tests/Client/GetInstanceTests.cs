namespace Durable.Backend.Tests.Client;

public class GetInstanceTests
{
    [Theory, MemberData(nameof(DurableEngine.Both), MemberType = typeof(DurableEngine))]
    public async Task GetInstanceAsync_UnknownId_ReturnsNull(string engine)
    {
        await using var durable = await DurableEngine.StartAsync(engine, r => r.AddClientTestOrchestrators());

        Assert.Null(await durable.Client.GetInstanceAsync("nobody", getInputsAndOutputs: true));
    }

    [Theory, MemberData(nameof(DurableEngine.Both), MemberType = typeof(DurableEngine))]
    public async Task GetInstanceAsync_CompletedInstance_GivesInputOutputAndCustomStatusOnlyWhenAsked(string engine)
    {
        await using var durable = await DurableEngine.StartAsync(engine, r => r
            .AddOrchestratorFunc<Ticket, string>("Handles", (ctx, ticket) =>
            {
                ctx.SetCustomStatus("handled");
                return Task.FromResult($"handled {ticket.Subject}");
            }));
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var id = await durable.Client.ScheduleNewOrchestrationInstanceAsync("Handles", new Ticket("disk", 2));
        await durable.Client.CompletionAsync(id);

        var full = await durable.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        var bare = await durable.Client.GetInstanceAsync(id, getInputsAndOutputs: false);

        Assert.NotNull(full);
        Assert.Equal((id, "Handles", OrchestrationRuntimeStatus.Completed), (full.InstanceId, full.Name, full.RuntimeStatus));
        Assert.Equal(new Ticket("disk", 2), full.ReadInputAs<Ticket>());
        Assert.Equal("handled disk", full.ReadOutputAs<string>());
        Assert.Equal("handled", full.ReadCustomStatusAs<string>());
        Assert.InRange(full.CreatedAt, before, DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.True(full.LastUpdatedAt >= full.CreatedAt);

        Assert.NotNull(bare);
        Assert.Equal((id, "Handles", OrchestrationRuntimeStatus.Completed), (bare.InstanceId, bare.Name, bare.RuntimeStatus));
        Assert.Null(bare.SerializedInput);
        Assert.Null(bare.SerializedOutput);
        Assert.Null(bare.SerializedCustomStatus);
    }

    [Theory, MemberData(nameof(DurableEngine.Both), MemberType = typeof(DurableEngine))]
    public async Task GetInstanceAsync_FailedInstance_GivesFailureDetailsOnlyWithInputsAndOutputs(string engine)
    {
        await using var durable = await DurableEngine.StartAsync(engine, r => r.AddClientTestOrchestrators());
        var id = await durable.Client.ScheduleNewOrchestrationInstanceAsync(Orchestrators.Fails, new Ticket("coffee", 5));
        await durable.Client.CompletionAsync(id);

        var full = await durable.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        var bare = await durable.Client.GetInstanceAsync(id, getInputsAndOutputs: false);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, full?.RuntimeStatus);
        Assert.Equal(new Ticket("coffee", 5), full?.ReadInputAs<Ticket>());
        Assert.Equal(typeof(InvalidOperationException).FullName, full?.FailureDetails?.ErrorType);
        Assert.Equal("cannot handle coffee", full?.FailureDetails?.ErrorMessage);
        Assert.False(string.IsNullOrEmpty(full?.FailureDetails?.StackTrace));

        // OrchestrationMetadata.FailureDetails is documented to be filled only when outputs were asked for.
        Assert.Equal(OrchestrationRuntimeStatus.Failed, bare?.RuntimeStatus);
        Assert.Null(bare?.FailureDetails);
    }
}
