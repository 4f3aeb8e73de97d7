using Microsoft.DurableTask.Client;

namespace CareTransitions.Workflow;

/// <summary>
/// The durable client of the invocation running now, for hosts that hand one to each invocation (Azure Functions:
/// <c>[DurableClient]</c>) instead of registering one. Like <c>IHttpContextAccessor</c>, the value flows with the
/// invocation's own calls only, so concurrent invocations never see each other's.
/// </summary>
public sealed class DurableClientAccessor
{
    private static readonly AsyncLocal<DurableTaskClient?> Invocation = new();

    /// <summary>The invocation's client, or null outside one.</summary>
    public DurableTaskClient? Current => Invocation.Value;

    /// <summary>Makes <paramref name="client"/> the current one until the returned scope is disposed.</summary>
    public IDisposable Use(DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var outer = Invocation.Value;
        Invocation.Value = client;
        return new Restore(outer);
    }

    private sealed class Restore(DurableTaskClient? outer) : IDisposable
    {
        public void Dispose() => Invocation.Value = outer;
    }
}
