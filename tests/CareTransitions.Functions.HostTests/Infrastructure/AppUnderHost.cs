namespace CareTransitions.Functions.HostTests.Infrastructure;

/// <summary>
/// One published app under one host for the collection's tests, with short reminder and escalation times so a test
/// sees them within seconds; beside it, started by the first test that asks and then shared, the same app with App
/// Service Authentication on (<see cref="WithAuthenticationAsync"/>). Tests that need other settings start a host of their own.
/// </summary>
public sealed class AppUnderHost : IAsyncLifetime
{
    private readonly SemaphoreSlim authenticatedStart = new(1, 1);
    private HostServices? services;
    private FunctionsHostProcess? host;
    private FunctionsHostProcess? authenticated;

    public HostServices Services => this.services ?? throw new InvalidOperationException(FunctionsHost.WhyNotAvailable ?? "not started");

    public FunctionsHostProcess Host => this.host ?? throw new InvalidOperationException(FunctionsHost.WhyNotAvailable ?? "not started");

    public async Task InitializeAsync()
    {
        if (FunctionsHost.WhyNotAvailable is not null)
        {
            return;
        }
        this.services = await HostServices.StartAsync();
        var settings = FunctionsHostProcess.Settings(this.services, "shared", readsIntakeQueue: true);
        settings["Workflow__ReminderAfter"] = "00:00:06";
        settings["Workflow__EscalateAfter"] = "00:00:12";
        this.host = await FunctionsHostProcess.StartAsync(settings);
    }

    /// <summary>
    /// The app on the same services with <c>WEBSITE_AUTH_ENABLED=True</c>, as infra/ deploys it: the pages that read
    /// <c>X-MS-CLIENT-PRINCIPAL</c> serve the user a test sends there (this build of the host has no App Service
    /// Authentication middleware, so the header passes through as the platform would pass a signed-in user's).
    /// </summary>
    public async Task<FunctionsHostProcess> WithAuthenticationAsync()
    {
        await this.authenticatedStart.WaitAsync();
        try
        {
            if (this.authenticated is null)
            {
                var settings = FunctionsHostProcess.Settings(this.Services, "appserviceauth");
                settings["WEBSITE_AUTH_ENABLED"] = "True";
                this.authenticated = await FunctionsHostProcess.StartAsync(settings);
            }
            return this.authenticated;
        }
        finally
        {
            this.authenticatedStart.Release();
        }
    }

    public async Task DisposeAsync()
    {
        if (this.authenticated is not null)
        {
            await this.authenticated.DisposeAsync();
        }
        if (this.host is not null)
        {
            await this.host.DisposeAsync();
        }
        if (this.services is not null)
        {
            await this.services.DisposeAsync();
        }
        this.authenticatedStart.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class AppUnderHostCollection : ICollectionFixture<AppUnderHost>
{
    public const string Name = "The app under the Functions host";
}
