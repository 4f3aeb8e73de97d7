using CareTransitions.Functions.Http;
using CareTransitions.Functions.Tests.Infrastructure;
using CareTransitions.Workflow;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CareTransitions.Functions.Tests;

/// <summary>The library's durable client in the Functions app: the client of the invocation it is used in, never another's.</summary>
public sealed class DurableClientRelayTests
{
    [Fact]
    public async Task Library_code_reaches_its_own_invocations_client_while_invocations_run_side_by_side()
    {
        var services = new ServiceCollection().AddSingleton<DurableClientAccessor>().AddSingleton<DurableClientRelay>().BuildServiceProvider();
        var relay = services.GetRequiredService<DurableClientRelay>();
        var handedOver = 0;
        var bothHandedOver = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        async Task<string> InvocationAsync(string name)
        {
            await Task.Yield();
            new TestFunctionContext(services).UseDurableClient(new NamedClient(name));
            // Both invocations have handed over their client before either reads it.
            if (Interlocked.Increment(ref handedOver) == 2)
            {
                bothHandedOver.SetResult();
            }

            await bothHandedOver.Task;
            return (await relay.GetInstancesAsync("any"))!.InstanceId;
        }

        var seen = await Task.WhenAll(InvocationAsync("first"), InvocationAsync("second"));

        Assert.Equal(["first", "second"], seen);
    }

    [Fact]
    public async Task Outside_an_invocation_that_handed_one_over_the_library_is_told_what_the_function_must_do()
    {
        var services = new ServiceCollection().AddSingleton<DurableClientAccessor>().AddSingleton<DurableClientRelay>().BuildServiceProvider();

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => services.GetRequiredService<DurableClientRelay>().GetInstancesAsync("any"));

        Assert.Contains("UseDurableClient", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>A client that answers every lookup with an instance named after itself.</summary>
    private sealed class NamedClient(string name) : DurableTaskClient("named")
    {
        public override Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
            Task.FromResult<OrchestrationMetadata?>(new OrchestrationMetadata(name, name));

        public override Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default) => throw new NotSupportedException();

        public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default) => throw new NotSupportedException();

        public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) => throw new NotSupportedException();

        public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) => throw new NotSupportedException();

        public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default) => throw new NotSupportedException();

        public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) => throw new NotSupportedException();

        public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) => throw new NotSupportedException();

        public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) => throw new NotSupportedException();

        public override Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default) => throw new NotSupportedException();

        public override Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default) => throw new NotSupportedException();

        public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
