namespace CareTransitions.Tests.Infrastructure;

/// <summary>One maildev and one running service per test class (xunit class fixture).</summary>
public class ServiceFixture : IAsyncLifetime
{
    public Maildev Mail { get; private set; } = null!;

    public ServiceHost Service { get; private set; } = null!;

    /// <summary>Extra configuration for the service, e.g. short workflow durations.</summary>
    protected virtual string[] Settings => [];

    public async Task InitializeAsync()
    {
        this.Mail = await Maildev.StartAsync();
        this.Service = await ServiceHost.StartAsync(this.Mail, this.Settings);
    }

    public async Task DisposeAsync()
    {
        await this.Service.DisposeAsync();
        await this.Mail.DisposeAsync();
    }
}
