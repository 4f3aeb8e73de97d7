namespace CareTransitions.Functions.HostTests.Infrastructure;

/// <summary>
/// One published app under one host for the collection's tests, with short reminder and escalation times so a test
/// sees them within seconds. Tests that need other settings or a host of their own start one beside it.
/// </summary>
public sealed class AppUnderHost : IAsyncLifetime
{
    private HostServices? services;
    private FunctionsHostProcess? host;

    public HostServices Services => this.services ?? throw new InvalidOperationException(FunctionsHost.WhyNotAvailable ?? "not started");

    public FunctionsHostProcess Host => this.host ?? throw new InvalidOperationException(FunctionsHost.WhyNotAvailable ?? "not started");

    public async Task InitializeAsync()
    {
        if (FunctionsHost.WhyNotAvailable is not null)
        {
            return;
        }
        this.services = await HostServices.StartAsync();
        var settings = FunctionsHostProcess.Settings(this.services, "shared");
        settings["Workflow__ReminderAfter"] = "00:00:06";
        settings["Workflow__EscalateAfter"] = "00:00:12";
        this.host = await FunctionsHostProcess.StartAsync(settings);
    }

    public async Task DisposeAsync()
    {
        if (this.host is not null)
        {
            await this.host.DisposeAsync();
        }
        if (this.services is not null)
        {
            await this.services.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class AppUnderHostCollection : ICollectionFixture<AppUnderHost>
{
    public const string Name = "The app under the Functions host";
}
