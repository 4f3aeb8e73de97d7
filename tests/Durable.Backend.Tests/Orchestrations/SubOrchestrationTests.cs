namespace Durable.Backend.Tests.Orchestrations;

public sealed record Shipment(string OrderId, int Parcels);

/// <summary>Ships an order through a child orchestration with a known instance id.</summary>
public sealed class ShipOrder : TaskOrchestrator<Shipment, string>
{
    public override Task<string> RunAsync(TaskOrchestrationContext context, Shipment shipment) =>
        context.CallSubOrchestratorAsync<string>(nameof(PackParcels), shipment, new SubOrchestrationOptions { InstanceId = $"{context.InstanceId}-pack" });
}

/// <summary>The child: packs each parcel with an activity; refuses an empty shipment.</summary>
public sealed class PackParcels : TaskOrchestrator<Shipment, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, Shipment shipment)
    {
        if (shipment.Parcels == 0)
        {
            throw new InvalidOperationException($"Order {shipment.OrderId} has nothing to ship.");
        }

        var labels = await Task.WhenAll(Enumerable.Range(1, shipment.Parcels).Select(i => context.CallActivityAsync<string>("Label", $"{shipment.OrderId}/{i}")));
        return string.Join(",", labels);
    }
}

public class SubOrchestrationTests
{
    private static void Register(DurableTaskRegistry r) => r
        .AddOrchestrator<ShipOrder>()
        .AddOrchestrator<PackParcels>()
        .AddActivityFunc<string, string>("Label", (_, parcel) => $"[{parcel}]");

    [Theory, MemberData(nameof(DurableEngine.Both), MemberType = typeof(DurableEngine))]
    public async Task A_sub_orchestration_returns_its_output_to_the_parent_and_is_an_instance_of_its_own(string engine)
    {
        await using var durable = await DurableEngine.StartAsync(engine, Register);

        var done = await durable.Client.RunAsync(nameof(ShipOrder), new Shipment("o-1", 2), instanceId: "ship-o-1");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("[o-1/1],[o-1/2]", done.ReadOutputAs<string>());
        var child = await durable.Client.GetInstanceAsync("ship-o-1-pack", getInputsAndOutputs: true);
        Assert.NotNull(child);
        Assert.Equal(nameof(PackParcels), child.Name);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, child.RuntimeStatus);
        Assert.Equal(new Shipment("o-1", 2), child.ReadInputAs<Shipment>());
        Assert.Equal("[o-1/1],[o-1/2]", child.ReadOutputAs<string>());
    }

    [Theory, MemberData(nameof(DurableEngine.Both), MemberType = typeof(DurableEngine))]
    public async Task A_failing_sub_orchestration_fails_the_parents_task_with_the_childs_failure(string engine)
    {
        await using var durable = await DurableEngine.StartAsync(engine, r =>
        {
            Register(r);
            r.AddOrchestratorFunc<string>("CatchesChildFailure", async ctx =>
            {
                try
                {
                    return await ctx.CallSubOrchestratorAsync<string>(nameof(PackParcels), new Shipment("o-0", 0));
                }
                catch (TaskFailedException e)
                {
                    return $"{e.TaskName}: {e.FailureDetails.ErrorType}: {e.FailureDetails.ErrorMessage}";
                }
            });
        });

        var caught = await durable.Client.RunAsync("CatchesChildFailure");
        var uncaught = await durable.Client.RunAsync(nameof(ShipOrder), new Shipment("o-0", 0), instanceId: "ship-o-0");

        Assert.Equal(
            $"{nameof(PackParcels)}: {typeof(InvalidOperationException).FullName}: Order o-0 has nothing to ship.",
            caught.ReadOutputAs<string>());
        Assert.Equal(OrchestrationRuntimeStatus.Failed, uncaught.RuntimeStatus);
        Assert.Equal(typeof(TaskFailedException).FullName, uncaught.FailureDetails?.ErrorType);
        Assert.Equal("Order o-0 has nothing to ship.", uncaught.FailureDetails?.InnerFailure?.ErrorMessage);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, (await durable.Client.GetInstanceAsync("ship-o-0-pack"))?.RuntimeStatus);
    }
}
