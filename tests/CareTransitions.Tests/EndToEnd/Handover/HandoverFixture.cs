using System.Collections.Concurrent;
using System.Diagnostics;
using CareTransitions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace CareTransitions.Tests.EndToEnd.Handover;

/// <summary>
/// One OpenID provider with HSA claims, one maildev, Chromium, and a service per storage provider (SQLite files, a
/// PostgreSQL database) signing in at that provider. Every log line the services write and every span they start is
/// kept, so the tests can look for personal data where it must never be.
/// </summary>
public sealed class HandoverFixture : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, Task<(ServiceHost Host, TestStore Store)>> services = new();
    private IPlaywright? playwright;
    private IBrowser? browser;
    private ActivityListener? spans;

    public OidcProvider Provider { get; private set; } = null!;

    public Maildev Mail { get; private set; } = null!;

    /// <summary>Every log line of every service (all levels from Information), with its exception.</summary>
    public ConcurrentQueue<string> LogLines { get; } = new();

    /// <summary>Every span started in this process: its name and tags.</summary>
    public ConcurrentQueue<string> Spans { get; } = new();

    public async Task InitializeAsync()
    {
        this.spans = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => this.Spans.Enqueue($"{a.OperationName} {a.DisplayName} {string.Join(' ', a.TagObjects.Select(t => $"{t.Key}={t.Value}"))}"),
        };
        ActivitySource.AddActivityListener(this.spans);
        this.Provider = await OidcProvider.StartAsync();
        this.Mail = await Maildev.StartAsync();
        this.playwright = await Playwright.CreateAsync();
        this.browser = await this.playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>The service on <paramref name="provider"/>'s store, started on first use.</summary>
    public async Task<(ServiceHost Host, TestStore Store)> ServiceAsync(string provider) =>
        await this.services.GetOrAdd(provider, async p =>
        {
            var store = await TestStore.CreateAsync(p);
            var host = await ServiceHost.StartAsync(
                this.Mail, store, s => s.AddLogging(l => l.AddProvider(new CapturingLoggerProvider(this.LogLines))),
                [.. this.Provider.ServiceSettings, "--Logging:LogLevel:Default=Information"]);
            return (host, store);
        });

    /// <summary>A page in a browser context of its own: nobody is signed in there yet.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await this.browser!.NewContextAsync(new() { Locale = "sv-SE" });
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (this.browser is not null)
        {
            await this.browser.DisposeAsync();
        }

        this.playwright?.Dispose();
        foreach (var started in this.services.Values)
        {
            var (host, store) = await started;
            await host.DisposeAsync();
            await store.DisposeAsync();
        }

        await this.Mail.DisposeAsync();
        await this.Provider.DisposeAsync();
        this.spans?.Dispose();
    }

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, lines);

        public void Dispose()
        {
        }
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (this.IsEnabled(logLevel))
            {
                lines.Enqueue($"{category} {formatter(state, exception)} {exception}");
            }
        }
    }
}
