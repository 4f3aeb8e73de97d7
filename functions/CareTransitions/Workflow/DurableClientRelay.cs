using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CareTransitions.Workflow;

/// <summary>
/// The <see cref="DurableTaskClient"/> the library resolves from DI when the host hands out its client per
/// invocation (Azure Functions: <c>[DurableClient] DurableTaskClient</c>) rather than registering one. Every call
/// goes to the client of the invocation it is made in (<see cref="DurableClientAccessor"/>), which each of the Functions
/// app's adapters hands over first. The standalone host does not use this: it registers the SDK's client itself.
/// </summary>
public sealed class DurableClientRelay(DurableClientAccessor accessor) : DurableTaskClient("relay")
{
    private DurableTaskClient Client => accessor.Current
        ?? throw new InvalidOperationException("No durable client in this invocation: the function must take a [DurableClient] DurableTaskClient and call function.UseDurableClient(client) before library code.");

    /// <inheritdoc />
    public override Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default) =>
        this.Client.ScheduleNewOrchestrationInstanceAsync(orchestratorName, input, options, cancellation);

    /// <inheritdoc />
    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default) =>
        this.Client.RaiseEventAsync(instanceId, eventName, eventPayload, cancellation);

    /// <inheritdoc />
    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        this.Client.WaitForInstanceStartAsync(instanceId, getInputsAndOutputs, cancellation);

    /// <inheritdoc />
    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        this.Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs, cancellation);

    /// <inheritdoc />
    public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default) =>
        this.Client.TerminateInstanceAsync(instanceId, options, cancellation);

    /// <inheritdoc />
    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        this.Client.SuspendInstanceAsync(instanceId, reason, cancellation);

    /// <inheritdoc />
    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        this.Client.ResumeInstanceAsync(instanceId, reason, cancellation);

    /// <inheritdoc />
    public override Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        this.Client.GetInstanceAsync(instanceId, getInputsAndOutputs, cancellation);

    /// <inheritdoc />
    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) =>
        this.Client.GetAllInstancesAsync(filter);

    /// <inheritdoc />
    public override Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default) =>
        this.Client.PurgeInstanceAsync(instanceId, options, cancellation);

    /// <inheritdoc />
    public override Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default) =>
        this.Client.PurgeAllInstancesAsync(filter, options, cancellation);

    /// <inheritdoc />
    // The clients belong to the Functions host's provider, which disposes them.
    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
