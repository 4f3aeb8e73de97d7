using Durable.Backend.Hosting;
using Durable.Backend.Storage;
using Grpc.Core;
using Microsoft.Data.Sqlite;
using Platform.Storage;

namespace CareTransitions.Tests.UnitTests;

/// <summary>The one outage rule, and the backend's view of it on each side of its gRPC API.</summary>
public sealed class StoreOutageTests
{
    [Fact]
    public void A_busy_or_unreachable_store_is_an_outage_and_a_bug_is_not()
    {
        Assert.True(StoreOutage.IsOutage(new SqliteException("database is locked", 5)));
        Assert.True(StoreOutage.IsOutage(new InvalidOperationException("wrapped", new Npgsql.NpgsqlException("connection refused"))));
        Assert.True(StoreOutage.IsOutage(new TimeoutException()));
        Assert.False(StoreOutage.IsOutage(new SqliteException("no such table: x", 1)));
        Assert.False(StoreOutage.IsOutage(new InvalidOperationException("a bug")));
    }

    [Fact]
    public void The_backend_answers_an_outage_as_Unavailable_and_a_client_reads_Unavailable_as_one()
    {
        Assert.True(BackendOutage.IsStoreFailure(new StoreUnavailableException("down")));
        Assert.True(BackendOutage.IsStoreFailure(new SqliteException("disk I/O error", 10)));
        Assert.False(BackendOutage.IsStoreFailure(new SqliteException("constraint failed", 19)));
        Assert.True(BackendOutage.IsClientSideOutage(new RpcException(new Status(StatusCode.Unavailable, "store down"))));
        Assert.True(BackendOutage.IsClientSideOutage(new RpcException(new Status(StatusCode.DeadlineExceeded, "slow"))));
        Assert.False(BackendOutage.IsClientSideOutage(new RpcException(new Status(StatusCode.Unknown, "SqliteException in the detail"))));
    }
}
