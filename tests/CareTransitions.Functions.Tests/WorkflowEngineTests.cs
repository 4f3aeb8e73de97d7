using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareTransitions.Functions.Tests.Infrastructure;
using CareTransitions.Tests.Infrastructure;
using CareTransitions.Workflow;
using Microsoft.DurableTask.Client;

namespace CareTransitions.Functions.Tests;

/// <summary>
/// The workflow through the Functions adapters ([OrchestrationTrigger] and [ActivityTrigger] methods, activities
/// from DI) on Microsoft's DurableTaskTestHost and on our backend: the same transition ends the same way on both.
/// </summary>
public sealed class WorkflowEngineTests
{
    [Fact]
    public async Task A_transition_run_through_the_function_adapters_ends_alike_on_the_test_host_and_on_our_backend()
    {
        var onTestHost = await RunTransitionAsync(Engine.TestHost);
        var onOurs = await RunTransitionAsync(Engine.Ours);

        Assert.StartsWith("Completed Completed", onTestHost, StringComparison.Ordinal);
        Assert.Equal(onTestHost, onOurs);
    }

    /// <summary>Intake over the adapter, every routed unit acknowledges, the patient is discharged: the outcome in one line.</summary>
    private static async Task<string> RunTransitionAsync(Engine engine)
    {
        await using var app = await FunctionsTestApp.StartAsync(engine, TestSettings.PublicBaseUrl);
        var episode = TestMessages.NewEpisode();
        using var accepted = await app.Http.PostAsJsonAsync("/api/transitions", TestMessages.Create("ReadyForDischarge", episode, messageId: "m-ready"));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var id = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        TransitionStatus? status;
        do
        {
            await Task.Delay(100, timeout.Token);
            status = (await app.Client.GetInstanceAsync(id, getInputsAndOutputs: true, timeout.Token))?.ReadCustomStatusAs<TransitionStatus>();
        }
        while (status is null || status.Units.Count == 0 || status.Units.Any(u => u.NotifiedAt is null));

        foreach (var unit in status.Units)
        {
            await app.Client.RaiseEventAsync(id, Acknowledgement.EventName, new Acknowledgement(unit.UnitId, "Anna " + unit.UnitId, DateTimeOffset.UtcNow), timeout.Token);
        }

        using var discharged = await app.Http.PostAsJsonAsync("/api/transitions", TestMessages.Create("Discharged", episode, messageId: "m-discharged"));
        Assert.Equal(HttpStatusCode.Accepted, discharged.StatusCode);
        var done = await app.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
        var final = done.ReadCustomStatusAs<TransitionStatus>()!;
        return $"{done.RuntimeStatus} {final.Phase} {string.Join(", ", final.Units.Select(u => $"{u.UnitId}={u.AcknowledgedBy}"))}";
    }
}
