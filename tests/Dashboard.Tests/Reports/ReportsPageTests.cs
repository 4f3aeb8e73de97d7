using System.Collections.Concurrent;
using AngleSharp.Html.Parser;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dashboard.Tests.Reports;

/// <summary>/dashboard/rapporter speaks to the steering group; where the archive is and how sending is switched go to the log.</summary>
public sealed class ReportsPageTests
{
    [Fact]
    public async Task With_sending_off_the_page_says_whom_to_ask_and_the_log_has_the_operator_s_details()
    {
        var log = new CapturingLoggerProvider();
        await using var host = await DashboardHost.StartAsync(configure: s => s.AddLogging(b => b.AddProvider(log)));

        var html = await host.Client.GetStringAsync("/dashboard/rapporter");
        var document = new HtmlParser().ParseDocument(html);

        Assert.Equal("Månadsrapporter skickas inte ut automatiskt just nu. Kontakta förvaltningen om styrgruppen ska få dem med e-post. Du kan ändå ta fram en rapport här nedan.",
            document.GetElementById("report-sending")!.TextContent);
        Assert.DoesNotContain("Reports:", html, StringComparison.Ordinal);
        Assert.DoesNotContain(host.DataDirectory, html, StringComparison.Ordinal);
        Assert.DoesNotContain("Arkiv:", html, StringComparison.Ordinal);
        Assert.NotNull(document.QuerySelector("a[href='/dashboard']"));
        var line = Assert.Single(log.Lines, l => l.StartsWith("Monthly reports:", StringComparison.Ordinal));
        Assert.Contains(Path.Combine(host.DataDirectory, "reports"), line, StringComparison.Ordinal);
        Assert.Contains("scheduled sending off (Reports:Enabled) to 0 recipients", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_sending_on_the_page_says_to_how_many_it_goes()
    {
        await using var host = await DashboardHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Reports:Enabled"] = "true",
            ["Reports:Recipients"] = "styrgrupp@kommun.example.se; ordforande@region.example.se",
        });

        var document = new HtmlParser().ParseDocument(await host.Client.GetStringAsync("/dashboard/rapporter"));

        Assert.Equal("Rapporten skickas automatiskt till 2 mottagare.", document.GetElementById("report-sending")!.TextContent);
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this.Lines);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue(formatter(state, exception));
        }
    }
}
