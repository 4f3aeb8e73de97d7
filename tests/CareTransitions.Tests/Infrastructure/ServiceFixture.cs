namespace CareTransitions.Tests.Infrastructure;

/// <summary>One maildev and one running service on SQLite per test class (xunit class fixture).</summary>
public class ServiceFixture : IAsyncLifetime
{
    public Maildev Mail { get; private set; } = null!;

    public ServiceHost Service { get; private set; } = null!;

    public TestStore Store { get; private set; } = null!;

    /// <summary>Where the service keeps its data (<see cref="TestStore.Sqlite"/> or <see cref="TestStore.Postgres"/>).</summary>
    protected virtual string Provider => TestStore.Sqlite;

    /// <summary>Extra configuration for the service, e.g. short workflow durations.</summary>
    /// <remarks>Update emails are coalesced over two seconds here rather than ten minutes, so a test sees the batch go out.</remarks>
    protected virtual string[] Settings => ["--Workflow:UpdateEmailWindow=00:00:02"];

    public async Task InitializeAsync()
    {
        this.Store = await TestStore.CreateAsync(this.Provider);
        this.Mail = await Maildev.StartAsync();
        this.Service = await ServiceHost.StartAsync(this.Mail, this.Store, this.Settings);
    }

    public async Task DisposeAsync()
    {
        await this.Service.DisposeAsync();
        await this.Mail.DisposeAsync();
        await this.Store.DisposeAsync();
    }
}

/// <summary>The same on PostgreSQL: the service's app data, statistics and durable backend in a fresh database.</summary>
public sealed class PostgresServiceFixture : ServiceFixture
{
    protected override string Provider => TestStore.Postgres;
}
