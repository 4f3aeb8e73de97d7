using CareTransitions.Workflow;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace CareTransitions.Functions.Http;

/// <summary>How an adapter hands the invocation's <c>[DurableClient]</c> to the library before calling it.</summary>
internal static class DurableClientAdapter
{
    /// <summary>
    /// Makes this invocation's client the one library code reaches (<see cref="DurableClientAccessor"/>) for the rest of
    /// the invocation, and returns the invocation's services. Called synchronously by the function, so the value stays
    /// with the function's own flow and never reaches a concurrent invocation.
    /// </summary>
    /// <remarks>
    /// A middleware cannot do this for every function: the worker binds <c>[DurableClient]</c> only with the parameter's
    /// own converter, which a middleware's <c>BindInputAsync</c> does not use. A function that forgets the call fails in
    /// the Functions tests, whose test app binds nothing on its behalf.
    /// </remarks>
    public static IServiceProvider UseDurableClient(this FunctionContext function, DurableTaskClient client)
    {
        _ = function.InstanceServices.GetRequiredService<DurableClientAccessor>().Use(client);
        return function.InstanceServices;
    }
}
