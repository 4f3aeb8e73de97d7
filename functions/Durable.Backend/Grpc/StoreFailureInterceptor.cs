using Durable.Backend.Hosting;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Durable.Backend.Grpc;

/// <summary>
/// A call that meets a store it cannot reach answers <c>Unavailable</c> (with the failure's type in the detail),
/// not <c>Unknown</c>: the SDK's worker retries Unavailable by itself, and a host can tell an outage from a bug.
/// </summary>
internal sealed class StoreFailureInterceptor : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception e) when (BackendOutage.IsStoreFailure(e))
        {
            throw Unavailable(e);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception e) when (BackendOutage.IsStoreFailure(e) && !context.CancellationToken.IsCancellationRequested)
        {
            throw Unavailable(e);
        }
    }

    private static RpcException Unavailable(Exception e) =>
        new(new Status(StatusCode.Unavailable, $"The durable store cannot be reached right now ({e.GetType().Name}: {e.Message}); try again."));
}
