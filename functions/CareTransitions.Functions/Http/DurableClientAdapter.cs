using CareTransitions.Workflow;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace CareTransitions.Functions.Http;

/// <summary>How an adapter hands the invocation's <c>[DurableClient]</c> to the library before calling it.</summary>
internal static class DurableClientAdapter
{
    /// <summary>Gives <see cref="DurableClientRelay"/> this invocation's client; returns the invocation's services.</summary>
    public static IServiceProvider UseDurableClient(this FunctionContext function, DurableTaskClient client)
    {
        function.InstanceServices.GetRequiredService<DurableClientRelay>().Use(client);
        return function.InstanceServices;
    }
}
