using System.Collections.Immutable;
using Microsoft.Azure.Functions.Worker;

namespace CareTransitions.Functions.Tests.Infrastructure;

/// <summary>
/// The part of the Functions host's <see cref="FunctionContext"/> the adapters read: the invocation's services and
/// its binding data (an activity's <c>instanceId</c>). Everything else belongs to the host and is not used.
/// </summary>
internal sealed class TestFunctionContext(IServiceProvider services, IReadOnlyDictionary<string, object?>? bindingData = null, CancellationToken cancellationToken = default)
    : FunctionContext
{
    public override string InvocationId { get; } = Guid.NewGuid().ToString("N");

    public override string FunctionId => "test";

    public override TraceContext TraceContext => throw new NotSupportedException();

    public override BindingContext BindingContext { get; } = new TestBindingContext(bindingData ?? ImmutableDictionary<string, object?>.Empty);

    public override RetryContext RetryContext => throw new NotSupportedException();

    public override IServiceProvider InstanceServices { get; set; } = services;

    public override FunctionDefinition FunctionDefinition => throw new NotSupportedException();

    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();

    public override IInvocationFeatures Features => throw new NotSupportedException();

    public override CancellationToken CancellationToken { get; } = cancellationToken;

    private sealed class TestBindingContext(IReadOnlyDictionary<string, object?> data) : BindingContext
    {
        public override IReadOnlyDictionary<string, object?> BindingData { get; } = data;
    }
}
