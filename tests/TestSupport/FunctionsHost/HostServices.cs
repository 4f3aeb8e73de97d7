using CareTransitions.Tests.Infrastructure;
using Testing.Postgres;

namespace CareTransitions.Functions.HostTests.Infrastructure;

/// <summary>What the app needs around the host, on loopback: Azurite (host storage, task hub, queues), a PostgreSQL database (app data), maildev (SMTP).</summary>
public sealed class HostServices : IAsyncDisposable
{
    private HostServices(Azurite storage, TestDatabase database, Maildev mail)
    {
        this.Storage = storage;
        this.Database = database;
        this.Mail = mail;
    }

    public Azurite Storage { get; }

    public TestDatabase Database { get; }

    public Maildev Mail { get; }

    public static async Task<HostServices> StartAsync()
    {
        var storage = Azurite.StartAsync();
        var mail = Maildev.StartAsync();
        var database = (await PostgresCluster.SharedAsync()).CreateDatabaseAsync();
        return new HostServices(await storage, await database, await mail);
    }

    public async ValueTask DisposeAsync()
    {
        await this.Mail.DisposeAsync();
        await this.Database.DisposeAsync();
        await this.Storage.DisposeAsync();
    }
}
