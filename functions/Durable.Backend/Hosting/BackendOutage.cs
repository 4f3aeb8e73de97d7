using Grpc.Core;
using Platform.Storage;

namespace Durable.Backend.Hosting;

/// <summary>
/// The backend's outage, as it looks on each side of its gRPC API: inside, a store failure by the platform's rule (or
/// the backend's own <see cref="Storage.StoreUnavailableException"/>) is answered <c>Unavailable</c>; outside, a
/// client's call failing <c>Unavailable</c> or <c>DeadlineExceeded</c> means the backend or its store is away.
/// </summary>
public static class BackendOutage
{
    /// <summary>A failure inside the backend that its callers should see as Unavailable and retry.</summary>
    public static bool IsStoreFailure(Exception e) => e is Storage.StoreUnavailableException || StoreOutage.IsOutage(e);

    /// <summary>A durable client's call that failed because the backend or its store is away (a host answers 503, not 500).</summary>
    public static bool IsClientSideOutage(Exception e) =>
        e is RpcException { StatusCode: StatusCode.Unavailable or StatusCode.DeadlineExceeded };
}
