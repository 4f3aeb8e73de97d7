using CareTransitions.Security;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace CareTransitions.Functions.Http;

/// <summary>The standalone service's security headers on every HTTP function's answer (the worker has no ASP.NET Core middleware of ours).</summary>
internal sealed class FunctionsSecurityHeaders : IFunctionsWorkerMiddleware
{
    public Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is { } http)
        {
            SecurityHeaders.AddWhenStarting(http);
        }
        return next(context);
    }
}
