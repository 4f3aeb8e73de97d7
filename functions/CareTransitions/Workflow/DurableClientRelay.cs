using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CareTransitions.Workflow;

/// <summary>
/// The <see cref="DurableTaskClient"/> the library resolves from DI when the host hands out its client per
/// invocation (Azure Functions: <c>[DurableClient] DurableTaskClient</c>) rather than registering one. Each
/// adapter gives the relay the binding's client (<see cref="Use"/>) before it calls library code; every call
/// goes to that client. The standalone host does not use this: it registers the SDK's client itself.
/// </summary>
/// <remarks>
/// The Functions host's binding hands every invocation a client for the same task hub and sidecar, so keeping
/// the latest one is honest for singletons (the dashboard's open-transitions count, readiness) too. Before any
/// invocation brought one there is none, and a call says so rather than guessing an address.
/// </remarks>
public sealed class DurableClientRelay() : DurableTaskClient("relay")
{
    private volatile DurableTaskClient? current;

    /// <summary>Gives the relay the client of this invocation; returns it, so an adapter can write <c>relay.Use(client)</c> inline.</summary>
    public DurableTaskClient Use(DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        this.current = client;
        return client;
    }

    private DurableTaskClient Client => this.current
        ?? throw new InvalidOperationException("No durable client yet: the Functions host hands one to each invocation ([DurableClient]); none has run.");

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
